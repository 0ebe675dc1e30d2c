package io.proxyline.query.webhook;

import io.proxyline.api.subscription.EventSubscriptionCreatedEvent;
import io.proxyline.api.subscription.EventSubscriptionDeletedEvent;
import io.proxyline.query.ProcessingGroups;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.springframework.stereotype.Component;

/**
 * The subscriptions read model, and the start of each subscription's deliveries: the position of
 * its creation event, so it is delivered every later event and none before. The dispatcher is
 * told after the change is committed.
 */
@Component
@ProcessingGroup(ProcessingGroups.EVENT_SUBSCRIPTIONS)
class EventSubscriptionProjection {
    private final EventSubscriptionStore store;
    private final TokenCodec tokens;
    private final WebhookDispatcher dispatcher;

    EventSubscriptionProjection(EventSubscriptionStore store, TokenCodec tokens, WebhookDispatcher dispatcher) {
        this.store = store;
        this.tokens = tokens;
        this.dispatcher = dispatcher;
    }

    @EventHandler
    void on(EventSubscriptionCreatedEvent e, TrackingToken token) {
        store.created(e, tokens.encode(token), tokens.text(token));
        wakeDispatcherAfterCommit();
    }

    @EventHandler
    void on(EventSubscriptionDeletedEvent e) {
        store.deleted(e.eventSubscriptionId());
        wakeDispatcherAfterCommit();
    }

    @ResetHandler
    void reset() {
        store.reset();
    }

    private void wakeDispatcherAfterCommit() {
        if (CurrentUnitOfWork.isStarted()) {
            CurrentUnitOfWork.get().afterCommit(u -> dispatcher.reconcileSoon());
        } else {
            dispatcher.reconcileSoon();
        }
    }
}
