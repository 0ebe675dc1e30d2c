package io.proxyline.command.number;

import static io.proxyline.api.wire.ProxyRejected.badRequest;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.proxyline.api.assignment.CompleteNumberAssignmentCommand;
import io.proxyline.api.assignment.NumberAssignmentCompletedEvent;
import io.proxyline.api.assignment.NumberAssignmentRequestedEvent;
import io.proxyline.api.assignment.RequestNumberAssignmentCommand;
import io.proxyline.api.phone.PhoneNumbers;
import java.time.Clock;
import java.util.List;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * One request to associate numbers with a voice connector or disassociate them from it: the
 * durable record that the work was asked for, written before any of its steps, and its outcome
 * once the steps are done. The steps themselves (claims on {@link PhoneNumber}s, the connector's
 * own set) are driven from the recorded request, so a crash between them is resumed, not lost.
 */
@Aggregate
class NumberAssignment {
    @AggregateIdentifier
    private String assignmentId;

    private NumberAssignmentRequestedEvent request;
    private NumberAssignmentCompletedEvent outcome;

    NumberAssignment() {}

    @CommandHandler
    NumberAssignment(RequestNumberAssignmentCommand cmd, Clock clock) {
        if (cmd.kind() == null) throw badRequest("an assignment needs a kind");
        if (cmd.e164PhoneNumbers() == null || cmd.e164PhoneNumbers().isEmpty()) {
            throw badRequest("E164PhoneNumbers must hold at least one phone number");
        }
        for (String n : cmd.e164PhoneNumbers()) {
            if (!PhoneNumbers.isE164(n)) throw badRequest("'" + n + "' is not a valid E.164 phone number");
        }
        apply(new NumberAssignmentRequestedEvent(cmd.assignmentId(), cmd.accountId(), cmd.voiceConnectorId(),
                cmd.kind(), List.copyOf(cmd.e164PhoneNumbers()), cmd.force(), clock.instant()));
    }

    /** Records the outcome once; a repeated completion (a step replayed after a crash) gets the first one. */
    @CommandHandler
    NumberAssignmentCompletedEvent handle(CompleteNumberAssignmentCommand cmd, Clock clock) {
        if (outcome != null) return outcome;
        NumberAssignmentCompletedEvent completed = new NumberAssignmentCompletedEvent(assignmentId,
                request.accountId(), request.voiceConnectorId(), request.kind(),
                cmd.errors() == null ? List.of() : List.copyOf(cmd.errors()), cmd.failureCode(),
                cmd.failureMessage(), clock.instant());
        apply(completed);
        return completed;
    }

    @EventSourcingHandler
    void on(NumberAssignmentRequestedEvent e) {
        assignmentId = e.assignmentId();
        request = e;
    }

    @EventSourcingHandler
    void on(NumberAssignmentCompletedEvent e) {
        outcome = e;
    }
}
