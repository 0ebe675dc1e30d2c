package io.proxyline.api.connector;

import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The wire's PutVoiceConnectorProxy. {@code fallBackPhoneNumber} may be null. */
public record PutProxyConfigCommand(
        @TargetAggregateIdentifier String voiceConnectorId,
        String accountId,
        int defaultSessionExpiryMinutes,
        List<String> phoneNumberPoolCountries,
        String fallBackPhoneNumber,
        boolean disabled) {}
