package io.proxyline.api.interaction;

import io.proxyline.api.session.Capability;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * An inbound call ({@code Voice}) or text ({@code SMS}) from {@code fromPhoneNumber} to the proxy
 * number {@code toPhoneNumber}, asking where it goes. Both numbers are E.164 (checked before
 * the command is sent); the connector decides and records the answer.
 */
public record RecordInteractionCommand(
        @TargetAggregateIdentifier String voiceConnectorId,
        String accountId,
        String interactionId,
        Capability type,
        String fromPhoneNumber,
        String toPhoneNumber) {}
