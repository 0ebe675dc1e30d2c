package io.proxyline.api.session;

import java.time.Instant;

/** A session ended at {@code endedAt} (for an expiry: exactly its expiry instant). */
public record ProxySessionClosedEvent(
        String voiceConnectorId, String proxySessionId, CloseReason reason, Instant endedAt)
        implements ProxySessionEvent {}
