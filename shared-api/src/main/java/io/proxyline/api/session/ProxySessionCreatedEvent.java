package io.proxyline.api.session;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * A session was opened. {@code ordinal} is its position among the connector's sessions (0, 1, …),
 * which gives lists a stable order; {@code proxyPhoneNumber} is held by both participants.
 */
public record ProxySessionCreatedEvent(
        String voiceConnectorId,
        String accountId,
        String proxySessionId,
        long ordinal,
        List<String> participants,
        String proxyPhoneNumber,
        Set<Capability> capabilities,
        int expiryMinutes,
        String name,
        NumberSelectionBehavior selection,
        GeoMatchLevel geoMatchLevel,
        GeoMatchParams geoMatchParams,
        Instant createdAt) implements ProxySessionEvent {

    public SessionExpiry expiry() {
        return new SessionExpiry(createdAt, expiryMinutes);
    }
}
