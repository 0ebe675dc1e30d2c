package io.proxyline.api.connector;

import java.time.Instant;

public record VoiceConnectorDeletedEvent(String voiceConnectorId, String accountId, Instant deletedAt) {}
