package io.proxyline.api.session;

import java.time.Instant;
import java.util.Set;

/** A session's capabilities and expiry changed; the expiry still counts from its creation. */
public record ProxySessionUpdatedEvent(
        String voiceConnectorId,
        String proxySessionId,
        Set<Capability> capabilities,
        int expiryMinutes,
        Instant updatedAt) implements ProxySessionEvent {}
