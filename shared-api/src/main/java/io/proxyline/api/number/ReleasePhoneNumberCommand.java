package io.proxyline.api.number;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The wire's DeletePhoneNumber: the number leaves the inventory and can be ordered again. */
public record ReleasePhoneNumberCommand(@TargetAggregateIdentifier String e164PhoneNumber, String accountId) {}
