package io.proxyline.api.subscription;

import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Subscribe {@code url} to the account's events (CreateEventSubscription). {@code eventTypes} are
 * event type names without the {@code Event} suffix (empty: all); {@code voiceConnectorId} null
 * for all of the account's connectors. The URL has been checked against the deployment's address
 * policy before the command is sent; the aggregate checks the account's limit.
 */
public record CreateEventSubscriptionCommand(
        @TargetAggregateIdentifier String subscriptionsId,
        String accountId,
        String eventSubscriptionId,
        String url,
        List<String> eventTypes,
        String voiceConnectorId) {
    public CreateEventSubscriptionCommand {
        eventTypes = List.copyOf(eventTypes);
    }
}
