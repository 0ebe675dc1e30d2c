package io.proxyline.query.stream;

import java.util.Set;

/**
 * What one reader of the account's events (a stream, a webhook subscription) is given: the events
 * of the account's connectors (their sessions and interactions), optionally only some event types
 * and only one connector.
 *
 * @param types event types without the {@code Event} suffix; empty for all
 * @param voiceConnectorId null for all of the account's connectors
 */
public record EventFilter(String accountId, Set<String> types, String voiceConnectorId) {
    public EventFilter {
        types = Set.copyOf(types);
    }

    /** The cheap checks, before the owner is looked up. */
    boolean wants(CloudEventRenderer.Rendered event) {
        return (types.isEmpty() || types.contains(event.eventType()))
                && (voiceConnectorId == null || voiceConnectorId.equals(event.voiceConnectorId()));
    }
}
