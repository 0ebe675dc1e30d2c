package io.proxyline.api.subscription;

import java.time.Instant;
import java.util.List;

/**
 * A webhook subscription exists from here on: it is delivered every event of the account stored
 * after this one that passes its filters. No secret travels in the event: the signing secret is
 * derived from the deployment's signing key and the subscription id (see docs/webhooks.md).
 */
public record EventSubscriptionCreatedEvent(
        String accountId,
        String eventSubscriptionId,
        String url,
        List<String> eventTypes,
        String voiceConnectorId,
        Instant createdAt) {
    public EventSubscriptionCreatedEvent {
        eventTypes = eventTypes == null ? List.of() : List.copyOf(eventTypes);
    }
}
