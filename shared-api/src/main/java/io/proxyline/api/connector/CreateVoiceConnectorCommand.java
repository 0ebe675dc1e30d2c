package io.proxyline.api.connector;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record CreateVoiceConnectorCommand(
        @TargetAggregateIdentifier String voiceConnectorId,
        String accountId,
        String name,
        String awsRegion,
        boolean requireEncryption,
        String networkType,
        String integrationType) {}
