package io.proxyline.api.session;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record DeleteProxySessionCommand(
        @TargetAggregateIdentifier String voiceConnectorId, String accountId, String proxySessionId) {}
