package io.proxyline.api.number;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Claim an inventory number for one voice connector; idempotent for the same connector. */
public record AssociatePhoneNumberCommand(
        @TargetAggregateIdentifier String e164PhoneNumber, String accountId, String voiceConnectorId, boolean force) {}
