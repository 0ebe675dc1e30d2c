package io.proxyline.query.history;

import io.proxyline.api.connector.NumbersAddedEvent;
import io.proxyline.api.connector.NumbersRemovedEvent;
import io.proxyline.api.connector.ProxyConfigDeletedEvent;
import io.proxyline.api.connector.ProxyConfigPutEvent;
import io.proxyline.api.connector.VoiceConnectorCreatedEvent;
import io.proxyline.api.connector.VoiceConnectorDeletedEvent;
import io.proxyline.api.session.ProxySessionClosedEvent;
import io.proxyline.api.session.ProxySessionCreatedEvent;
import io.proxyline.api.session.ProxySessionDeletedEvent;
import io.proxyline.api.session.ProxySessionEvent;
import io.proxyline.api.session.ProxySessionInProgressEvent;
import io.proxyline.api.session.ProxySessionUpdatedEvent;
import io.proxyline.query.ProcessingGroups;
import java.util.List;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.springframework.stereotype.Component;

/**
 * Indexes where each session's and each connector's own events are in the connector's event
 * stream; the events themselves are read from the event store when a history is asked for.
 * Interactions are not part of either history (they change nothing; ListProxySessionInteractions
 * lists them), nor are a connector's sessions part of the connector's.
 */
@Component
@ProcessingGroup(ProcessingGroups.HISTORY)
class HistoryProjection {
    private final HistoryStore store;

    HistoryProjection(HistoryStore store) {
        this.store = store;
    }

    @EventHandler
    void on(VoiceConnectorCreatedEvent e, @SequenceNumber Long sequenceNumber) {
        connector(e.voiceConnectorId(), e.accountId(), sequenceNumber);
    }

    @EventHandler
    void on(VoiceConnectorDeletedEvent e, @SequenceNumber Long sequenceNumber) {
        connector(e.voiceConnectorId(), e.accountId(), sequenceNumber);
    }

    @EventHandler
    void on(NumbersAddedEvent e, @SequenceNumber Long sequenceNumber) {
        connector(e.voiceConnectorId(), null, sequenceNumber);
    }

    @EventHandler
    void on(NumbersRemovedEvent e, @SequenceNumber Long sequenceNumber) {
        connector(e.voiceConnectorId(), null, sequenceNumber);
    }

    @EventHandler
    void on(ProxyConfigPutEvent e, @SequenceNumber Long sequenceNumber) {
        connector(e.voiceConnectorId(), null, sequenceNumber);
    }

    @EventHandler
    void on(ProxyConfigDeletedEvent e, @SequenceNumber Long sequenceNumber) {
        connector(e.voiceConnectorId(), null, sequenceNumber);
    }

    @EventHandler
    void on(ProxySessionCreatedEvent e, @SequenceNumber Long sequenceNumber) {
        session(e.voiceConnectorId(), e.proxySessionId(), e.accountId(), sequenceNumber);
    }

    @EventHandler
    void on(ProxySessionUpdatedEvent e, @SequenceNumber Long sequenceNumber) {
        session(e.voiceConnectorId(), e.proxySessionId(), null, sequenceNumber);
    }

    @EventHandler
    void on(ProxySessionInProgressEvent e, @SequenceNumber Long sequenceNumber) {
        session(e.voiceConnectorId(), e.proxySessionId(), null, sequenceNumber);
    }

    @EventHandler
    void on(ProxySessionClosedEvent e, @SequenceNumber Long sequenceNumber) {
        session(e.voiceConnectorId(), e.proxySessionId(), null, sequenceNumber);
    }

    @EventHandler
    void on(ProxySessionDeletedEvent e, @SequenceNumber Long sequenceNumber) {
        session(e.voiceConnectorId(), e.proxySessionId(), null, sequenceNumber);
    }

    @ResetHandler
    void reset() {
        store.clear();
    }

    /**
     * The subjects the handlers read for an event: its connector's, and its session's for a
     * session event (whose owner, for a new session record, comes from the connector's).
     */
    static List<String> subjectsRead(Object event) {
        if (event instanceof ProxySessionEvent e) {
            return List.of(HistoryStore.sessionKey(e.voiceConnectorId(), e.proxySessionId()),
                    HistoryStore.connectorKey(e.voiceConnectorId()));
        }
        String voiceConnectorId = null;
        if (event instanceof VoiceConnectorCreatedEvent e) {
            voiceConnectorId = e.voiceConnectorId();
        } else if (event instanceof VoiceConnectorDeletedEvent e) {
            voiceConnectorId = e.voiceConnectorId();
        } else if (event instanceof NumbersAddedEvent e) {
            voiceConnectorId = e.voiceConnectorId();
        } else if (event instanceof NumbersRemovedEvent e) {
            voiceConnectorId = e.voiceConnectorId();
        } else if (event instanceof ProxyConfigPutEvent e) {
            voiceConnectorId = e.voiceConnectorId();
        } else if (event instanceof ProxyConfigDeletedEvent e) {
            voiceConnectorId = e.voiceConnectorId();
        }
        return voiceConnectorId == null ? List.of() : List.of(HistoryStore.connectorKey(voiceConnectorId));
    }

    /** @param accountId the owner when the event names it; a connector's later events keep its first owner */
    private void connector(String voiceConnectorId, String accountId, long sequenceNumber) {
        store.append(HistoryStore.connectorKey(voiceConnectorId), voiceConnectorId, null, () -> accountId, sequenceNumber);
    }

    /**
     * Only the creation names the session's account; the later events are the session's own
     * record's (or, had it none, its connector's, which owns every session on it).
     */
    private void session(String voiceConnectorId, String proxySessionId, String accountId, long sequenceNumber) {
        store.append(HistoryStore.sessionKey(voiceConnectorId, proxySessionId), voiceConnectorId, proxySessionId,
                () -> accountId != null
                        ? accountId
                        : store.recordedOwner(HistoryStore.connectorKey(voiceConnectorId)).orElse(null),
                sequenceNumber);
    }
}
