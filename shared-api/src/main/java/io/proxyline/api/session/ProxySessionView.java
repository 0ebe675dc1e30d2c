package io.proxyline.api.session;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/** A session as the command side sees it right after a change; what Create/UpdateProxySession answer. */
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
        GeoMatchParams geoMatchParams) {}
