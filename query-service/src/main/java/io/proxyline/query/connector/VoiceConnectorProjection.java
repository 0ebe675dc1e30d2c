package io.proxyline.query.connector;

import io.proxyline.api.connector.NumbersAddedEvent;
import io.proxyline.api.connector.NumbersRemovedEvent;
import io.proxyline.api.connector.ProxyConfigDeletedEvent;
import io.proxyline.api.connector.ProxyConfigPutEvent;
import io.proxyline.api.connector.VoiceConnectorCreatedEvent;
import io.proxyline.api.connector.VoiceConnectorDeletedEvent;
import io.proxyline.query.ProcessingGroups;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.stereotype.Component;

/** Projects the connector aggregate's events. Every handler sets state, so redelivery and replay are harmless. */
@Component
@ProcessingGroup(ProcessingGroups.CONNECTORS)
class VoiceConnectorProjection {
    private final VoiceConnectorStore store;

    VoiceConnectorProjection(VoiceConnectorStore store) {
        this.store = store;
    }

    @EventHandler
    void on(VoiceConnectorCreatedEvent e) {
        store.created(e);
    }

    @EventHandler
    void on(VoiceConnectorDeletedEvent e) {
        store.deleted(e.voiceConnectorId(), e.deletedAt());
    }

    @EventHandler
    void on(NumbersAddedEvent e) {
        store.numbersAdded(e.voiceConnectorId(), e.e164PhoneNumbers());
    }

    @EventHandler
    void on(NumbersRemovedEvent e) {
        store.numbersRemoved(e.voiceConnectorId(), e.e164PhoneNumbers());
    }

    @EventHandler
    void on(ProxyConfigPutEvent e) {
        store.proxyConfigPut(e);
    }

    @EventHandler
    void on(ProxyConfigDeletedEvent e) {
        store.proxyConfigDeleted(e.voiceConnectorId());
    }

    @ResetHandler
    void reset() {
        store.clear();
    }
}
