package io.proxyline.command.number;

import static io.proxyline.api.wire.ProxyRejected.badRequest;
import static io.proxyline.api.wire.ProxyRejected.notFound;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.proxyline.api.number.AcquirePhoneNumberCommand;
import io.proxyline.api.number.AssociatePhoneNumberCommand;
import io.proxyline.api.number.DisassociatePhoneNumberCommand;
import io.proxyline.api.number.PhoneNumberAcquiredEvent;
import io.proxyline.api.number.PhoneNumberAssociatedEvent;
import io.proxyline.api.number.PhoneNumberDisassociatedEvent;
import io.proxyline.api.number.PhoneNumberReleasedEvent;
import io.proxyline.api.number.ReleasePhoneNumberCommand;
import io.proxyline.api.phone.PhoneNumbers;
import io.proxyline.api.phone.PhoneNumbers.NumberFacts;
import io.proxyline.api.wire.AwsErrorCode;
import io.proxyline.api.wire.ProxyRejected;
import java.time.Clock;
import java.util.Objects;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * One E.164 number, identified by itself, so that it can be in one account's inventory at a
 * time and associated with one voice connector at a time, across all accounts.
 */
@Aggregate(cache = "aggregateCache")
class PhoneNumber {
    @AggregateIdentifier
    private String number;

    /** The holding account; null while in nobody's inventory (never ordered, or released). */
    private String accountId;
    private String voiceConnectorId;

    PhoneNumber() {}

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(AcquirePhoneNumberCommand cmd, Clock clock) {
        NumberFacts facts = PhoneNumbers.parse(cmd.e164PhoneNumber())
                .orElseThrow(() -> badRequest(cmd.e164PhoneNumber() + " is not a valid E.164 phone number"));
        if (accountId != null) {
            throw badRequest("Phone number " + cmd.e164PhoneNumber() + " is not available");
        }
        apply(new PhoneNumberAcquiredEvent(facts.e164(), cmd.accountId(), cmd.orderId(), cmd.productType(), cmd.name(),
                facts.country(), facts.tollFree(), clock.instant()));
    }

    @CommandHandler
    void handle(AssociatePhoneNumberCommand cmd, Clock clock) {
        requireHeldBy(cmd.accountId());
        if (cmd.voiceConnectorId().equals(voiceConnectorId)) return;
        if (voiceConnectorId != null) {
            throw new ProxyRejected(AwsErrorCode.CONFLICT,
                    "Phone number " + number + " is already associated with another voice connector");
        }
        apply(new PhoneNumberAssociatedEvent(number, accountId, cmd.voiceConnectorId(), clock.instant()));
    }

    @CommandHandler
    void handle(DisassociatePhoneNumberCommand cmd, Clock clock) {
        requireHeldBy(cmd.accountId());
        if (!cmd.voiceConnectorId().equals(voiceConnectorId)) {
            throw badRequest("Phone number " + number + " is not associated with voice connector " + cmd.voiceConnectorId());
        }
        apply(new PhoneNumberDisassociatedEvent(number, accountId, voiceConnectorId, clock.instant()));
    }

    @CommandHandler
    void handle(ReleasePhoneNumberCommand cmd, Clock clock) {
        requireHeldBy(cmd.accountId());
        if (voiceConnectorId != null) {
            throw badRequest("Phone number " + number + " is associated with voice connector " + voiceConnectorId
                    + "; disassociate it first");
        }
        apply(new PhoneNumberReleasedEvent(number, accountId, clock.instant()));
    }

    private void requireHeldBy(String caller) {
        if (accountId == null || !Objects.equals(accountId, caller)) {
            throw notFound("Phone number " + number + " not found");
        }
    }

    @EventSourcingHandler
    void on(PhoneNumberAcquiredEvent e) {
        number = e.e164PhoneNumber();
        accountId = e.accountId();
        voiceConnectorId = null;
    }

    @EventSourcingHandler
    void on(PhoneNumberAssociatedEvent e) {
        voiceConnectorId = e.voiceConnectorId();
    }

    @EventSourcingHandler
    void on(PhoneNumberDisassociatedEvent e) {
        voiceConnectorId = null;
    }

    @EventSourcingHandler
    void on(PhoneNumberReleasedEvent e) {
        accountId = null;
        voiceConnectorId = null;
    }
}
