package io.proxyline.query.interaction;

import io.proxyline.api.interaction.InteractionRecordedEvent;
import io.proxyline.query.ProcessingGroups;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.stereotype.Component;

/**
 * Projects the interactions matched to a session, per session in the order they were recorded.
 * Interactions that matched no session are not listed anywhere; they stay in the event store.
 */
@Component
@ProcessingGroup(ProcessingGroups.INTERACTIONS)
class InteractionProjection {
    private final InteractionStore store;

    InteractionProjection(InteractionStore store) {
        this.store = store;
    }

    @EventHandler
    void on(InteractionRecordedEvent e) {
        if (e.proxySessionId() != null) {
            store.recorded(e);
        }
    }

    @ResetHandler
    void reset() {
        store.clear();
    }
}
