package io.proxyline.api.connector;

import java.time.Instant;

public record VoiceConnectorCreatedEvent(
        String voiceConnectorId,
        String accountId,
        String name,
        String awsRegion,
        boolean requireEncryption,
        String networkType,
        String integrationType,
        Instant createdAt) {}
