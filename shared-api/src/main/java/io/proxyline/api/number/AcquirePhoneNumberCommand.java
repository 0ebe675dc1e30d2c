package io.proxyline.api.number;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Take a number into an account's inventory (one line of a phone number order). */
public record AcquirePhoneNumberCommand(
        @TargetAggregateIdentifier String e164PhoneNumber, String accountId, String orderId, String productType, String name) {}
