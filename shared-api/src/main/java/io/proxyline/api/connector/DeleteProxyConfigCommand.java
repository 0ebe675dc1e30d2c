package io.proxyline.api.connector;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record DeleteProxyConfigCommand(@TargetAggregateIdentifier String voiceConnectorId, String accountId) {}
