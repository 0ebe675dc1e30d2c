package io.proxyline.query.session;

import io.proxyline.api.session.ProxySessionClosedEvent;
import io.proxyline.api.session.ProxySessionCreatedEvent;
import io.proxyline.api.session.ProxySessionDeletedEvent;
import io.proxyline.api.session.ProxySessionInProgressEvent;
import io.proxyline.api.session.ProxySessionUpdatedEvent;
import io.proxyline.query.ProcessingGroups;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.stereotype.Component;

/**
 * Projects proxy sessions. Every handler sets state (the move to InProgress only from Open), so
 * redelivery and replay are harmless.
 */
@Component
@ProcessingGroup(ProcessingGroups.PROXY_SESSIONS)
class ProxySessionProjection {
    private final ProxySessionStore store;

    ProxySessionProjection(ProxySessionStore store) {
        this.store = store;
    }

    @EventHandler
    void on(ProxySessionCreatedEvent e) {
        store.created(e);
    }

    @EventHandler
    void on(ProxySessionUpdatedEvent e) {
        store.updated(e);
    }

    @EventHandler
    void on(ProxySessionInProgressEvent e) {
        store.inProgress(e);
    }

    @EventHandler
    void on(ProxySessionClosedEvent e) {
        store.closed(e);
    }

    @EventHandler
    void on(ProxySessionDeletedEvent e) {
        store.deleted(e);
    }

    @ResetHandler
    void reset() {
        store.clear();
    }
}
