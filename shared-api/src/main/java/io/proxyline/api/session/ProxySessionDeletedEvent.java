package io.proxyline.api.session;

import java.time.Instant;

/** A session was deleted: it is ended and gone from Get and List; its history stays. */
public record ProxySessionDeletedEvent(String voiceConnectorId, String proxySessionId, Instant deletedAt)
        implements ProxySessionEvent {}
