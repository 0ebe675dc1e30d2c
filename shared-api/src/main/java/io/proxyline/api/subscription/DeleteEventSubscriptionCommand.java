package io.proxyline.api.subscription;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** DeleteEventSubscription: deliveries stop; an unknown id (or another account's) is a 404. */
public record DeleteEventSubscriptionCommand(
        @TargetAggregateIdentifier String subscriptionsId,
        String accountId,
        String eventSubscriptionId) {}
