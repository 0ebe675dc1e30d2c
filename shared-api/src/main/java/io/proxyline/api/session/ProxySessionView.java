package io.proxyline.api.session;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * A session as a caller sees it: what the command side answers right after a change, and what the
 * read side answers from its read model or folds from the events, each through {@link #at} so the
 * expiry reads alike. {@link ProxySessionWire} renders it.
 */
public record ProxySessionView(
        String voiceConnectorId,
        String proxySessionId,
        String name,
        SessionStatus status,
        int expiryMinutes,
        Set<Capability> capabilities,
        Instant createdAt,
        Instant updatedAt,
        Instant endedAt,
        List<String> participants,
        String proxyPhoneNumber,
        NumberSelectionBehavior selection,
        GeoMatchLevel geoMatchLevel,
        GeoMatchParams geoMatchParams) {

    /**
     * This session as it reads at {@code now}, when {@code status} and {@code endedAt} are what its
     * events recorded: from its expiry instant on it is Closed and ended then, recorded or not.
     */
    public ProxySessionView at(Instant now) {
        SessionExpiry expiry = new SessionExpiry(createdAt, expiryMinutes);
        return new ProxySessionView(voiceConnectorId, proxySessionId, name, expiry.statusAt(status, now), expiryMinutes,
                capabilities, createdAt, updatedAt, expiry.endedAt(status, endedAt, now), participants,
                proxyPhoneNumber, selection, geoMatchLevel, geoMatchParams);
    }
}
