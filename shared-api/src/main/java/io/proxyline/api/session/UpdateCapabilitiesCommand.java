package io.proxyline.api.session;

import java.util.Set;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The wire's UpdateProxySession: new capabilities and, when not null, a new expiry. */
public record UpdateCapabilitiesCommand(
        @TargetAggregateIdentifier String voiceConnectorId,
        String accountId,
        String proxySessionId,
        Set<Capability> capabilities,
        Integer expiryMinutes) {}
