package io.proxyline.api.connector;

import java.time.Instant;

/** The proxy configuration is gone; the connector's active sessions are closed by events that follow. */
public record ProxyConfigDeletedEvent(String voiceConnectorId, Instant deletedAt) {}
