package io.proxyline.api.number;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record DisassociatePhoneNumberCommand(
        @TargetAggregateIdentifier String e164PhoneNumber, String accountId, String voiceConnectorId) {}
