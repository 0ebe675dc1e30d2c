package io.proxyline.query.stream;

import java.util.Set;

/**
 * What one stream delivers: the events of the caller's account's connectors (and their
 * sessions), optionally only some event types and only one connector.
 *
 * @param types event types without the {@code Event} suffix; empty for all
 * @param voiceConnectorId null for all of the account's connectors
 */
record Subscription(String accountId, Set<String> types, String voiceConnectorId) {
    Subscription {
        types = Set.copyOf(types);
    }

    /** The cheap checks, before the owner is looked up. */
    boolean wants(CloudEventRenderer.Rendered event) {
        return (types.isEmpty() || types.contains(event.eventType()))
                && (voiceConnectorId == null || voiceConnectorId.equals(event.voiceConnectorId()));
    }
}
