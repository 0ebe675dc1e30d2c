package io.proxyline.api.session;

import java.util.List;
import java.util.Set;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Open a session between two participants on a connector. {@code expiryMinutes} null means the
 * proxy configuration's default; {@code selection} null means PreferSticky.
 */
public record CreateProxySessionCommand(
        @TargetAggregateIdentifier String voiceConnectorId,
        String accountId,
        String proxySessionId,
        List<String> participants,
        Set<Capability> capabilities,
        Integer expiryMinutes,
        String name,
        NumberSelectionBehavior selection,
        GeoMatchLevel geoMatchLevel,
        GeoMatchParams geoMatchParams) {}
