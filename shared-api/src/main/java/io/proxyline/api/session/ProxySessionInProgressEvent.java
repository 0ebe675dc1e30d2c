package io.proxyline.api.session;

import java.time.Instant;

/** A session's first forwarded interaction moved it from {@code Open} to {@code InProgress}. */
public record ProxySessionInProgressEvent(
        String voiceConnectorId, String proxySessionId, String interactionId, Instant at)
        implements ProxySessionEvent {}
