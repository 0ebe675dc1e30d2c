package io.proxyline.command.subscription;

import static io.proxyline.api.wire.ProxyRejected.notFound;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.proxyline.api.subscription.CreateEventSubscriptionCommand;
import io.proxyline.api.subscription.DeleteEventSubscriptionCommand;
import io.proxyline.api.subscription.EventSubscriptionCreatedEvent;
import io.proxyline.api.subscription.EventSubscriptionDeletedEvent;
import io.proxyline.api.subscription.EventSubscriptions;
import io.proxyline.api.wire.AwsErrorCode;
import io.proxyline.api.wire.ProxyRejected;
import java.time.Clock;
import java.util.HashSet;
import java.util.Set;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * One account's event subscriptions (webhooks): the consistency boundary for their number and
 * their ownership. Created with the account's first subscription; it only ever holds ids.
 */
@Aggregate(cache = "aggregateCache")
class AccountEventSubscriptions {
    @AggregateIdentifier
    private String subscriptionsId;

    private final Set<String> active = new HashSet<>();

    AccountEventSubscriptions() {}

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    EventSubscriptionCreatedEvent handle(CreateEventSubscriptionCommand cmd, SubscriptionLimit limit, Clock clock) {
        requireOwnAggregate(cmd.subscriptionsId(), cmd.accountId());
        if (active.contains(cmd.eventSubscriptionId())) {
            throw ProxyRejected.conflict("Event subscription " + cmd.eventSubscriptionId() + " already exists");
        }
        if (active.size() >= limit.perAccount()) {
            throw new ProxyRejected(AwsErrorCode.RESOURCE_LIMIT_EXCEEDED, "The account has " + active.size()
                    + " event subscriptions, the most it may have; delete one first");
        }
        EventSubscriptionCreatedEvent created = new EventSubscriptionCreatedEvent(cmd.accountId(),
                cmd.eventSubscriptionId(), cmd.url(), cmd.eventTypes(), cmd.voiceConnectorId(), clock.instant());
        apply(created);
        return created;
    }

    @CommandHandler
    void handle(DeleteEventSubscriptionCommand cmd, Clock clock) {
        requireOwnAggregate(cmd.subscriptionsId(), cmd.accountId());
        if (!active.contains(cmd.eventSubscriptionId())) {
            throw notFound("Event subscription " + cmd.eventSubscriptionId() + " not found");
        }
        apply(new EventSubscriptionDeletedEvent(cmd.accountId(), cmd.eventSubscriptionId(), clock.instant()));
    }

    /** An account's subscriptions live in its own aggregate only; anything else is a caller's bug. */
    private static void requireOwnAggregate(String subscriptionsId, String accountId) {
        if (!EventSubscriptions.aggregateId(accountId).equals(subscriptionsId)) {
            throw ProxyRejected.badRequest("Event subscriptions of account " + accountId
                    + " are not held by " + subscriptionsId);
        }
    }

    @EventSourcingHandler
    void on(EventSubscriptionCreatedEvent e) {
        subscriptionsId = EventSubscriptions.aggregateId(e.accountId());
        active.add(e.eventSubscriptionId());
    }

    @EventSourcingHandler
    void on(EventSubscriptionDeletedEvent e) {
        active.remove(e.eventSubscriptionId());
    }
}
