package io.proxyline.api.connector;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record DeleteVoiceConnectorCommand(@TargetAggregateIdentifier String voiceConnectorId, String accountId) {}
