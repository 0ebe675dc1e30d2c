package io.proxyline.command.assignment;

import io.proxyline.api.assignment.AssignmentKind;
import io.proxyline.api.assignment.CompleteNumberAssignmentCommand;
import io.proxyline.api.assignment.NumberAssignmentCompletedEvent;
import io.proxyline.api.assignment.NumberAssignmentError;
import io.proxyline.api.assignment.NumberAssignmentRequestedEvent;
import io.proxyline.api.connector.AddNumbersCommand;
import io.proxyline.api.connector.RemoveNumbersCommand;
import io.proxyline.api.number.AssociatePhoneNumberCommand;
import io.proxyline.api.number.DisassociatePhoneNumberCommand;
import io.proxyline.api.wire.AwsErrorCode;
import io.proxyline.api.wire.Caller;
import io.proxyline.api.wire.ProxyRejected;
import io.proxyline.command.fault.CrashPoints;
import io.proxyline.command.web.Commands;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateNotFoundException;

/**
 * Drives each recorded number assignment through its steps, on a tracking processor whose token
 * is durable (see {@link AssignmentConfiguration}): a request recorded before a crash and not
 * completed is picked up again after the restart, and redone from its first step. Every step is
 * idempotent (claiming a number for the connector that holds it, adding a number the connector
 * has, removing one it lacks all change nothing), so a redo finishes what the crashed run began;
 * an assignment whose outcome is recorded is not redone.
 *
 * <p>Association claims each number in the inventory (one connector per number, across all
 * accounts), then adds the claimed ones to the connector; if the connector refuses (deleted
 * meanwhile) the claims are released again. Disassociation takes the numbers off the connector
 * first (closing the sessions that hold them), then releases the claims. A refusal of one number
 * is that number's error; a store failure is thrown, and the processor retries the whole
 * assignment, with back-off, until it gets through.
 */
@ProcessingGroup(NumberAssignmentProcess.GROUP)
class NumberAssignmentProcess {
    static final String GROUP = "number-assignments";
    private final Commands commands;
    private final NumberAssignments assignments;
    private final CrashPoints crashPoints;
    private final ExecutorService steps;

    /**
     * @param steps where the steps run: each command then has a unit of work (and, standalone, a
     *     transaction) of its own, not nested in the processor's
     */
    NumberAssignmentProcess(Commands commands, NumberAssignments assignments, CrashPoints crashPoints,
                            ExecutorService steps) {
        this.commands = commands;
        this.assignments = assignments;
        this.crashPoints = crashPoints;
        this.steps = steps;
    }

    @EventHandler
    void on(NumberAssignmentRequestedEvent e, MetaData metaData) throws InterruptedException {
        Optional<NumberAssignmentCompletedEvent> done = assignments.recorded(e.assignmentId());
        if (done.isPresent()) {
            assignments.completed(done.get());
            return;
        }
        // The caller who asked, so the steps' events record who and which request; never null
        // (a missing value would fail every retry and hold up every later assignment).
        Caller caller = new Caller(e.accountId(), Objects.toString(metaData.get(Caller.ACCESS_KEY), "unknown"),
                Objects.toString(metaData.get(Caller.REQUEST_ID), e.assignmentId()));
        Future<NumberAssignmentCompletedEvent> run = steps.submit(() -> e.kind() == AssignmentKind.ASSOCIATE
                ? associate(e, caller) : disassociate(e, caller));
        try {
            assignments.completed(run.get());
        } catch (ExecutionException failed) {
            if (failed.getCause() instanceof RuntimeException r) throw r;
            if (failed.getCause() instanceof Error err) throw err;
            throw new IllegalStateException(failed.getCause());
        }
    }

    private NumberAssignmentCompletedEvent associate(NumberAssignmentRequestedEvent e, Caller caller) {
        List<NumberAssignmentError> errors = new ArrayList<>();
        List<String> claimed = new ArrayList<>();
        for (String number : e.e164PhoneNumbers()) {
            Optional<NumberAssignmentError> refused = step(number, () -> commands.sendUnshed(caller,
                    new AssociatePhoneNumberCommand(number, e.accountId(), e.voiceConnectorId(), e.force())));
            refused.ifPresentOrElse(errors::add, () -> claimed.add(number));
        }
        crashPoints.reached(CrashPoints.ASSOCIATION_CLAIMED);
        if (!claimed.isEmpty()) {
            Optional<NumberAssignmentError> refused = step(null, () -> commands.sendUnshed(caller,
                    new AddNumbersCommand(e.voiceConnectorId(), e.accountId(), claimed)));
            if (refused.isPresent()) {
                // The connector is gone: nothing may stay claimed for it.
                for (String number : claimed) {
                    step(number, () -> commands.sendUnshed(caller,
                            new DisassociatePhoneNumberCommand(number, e.accountId(), e.voiceConnectorId())));
                }
                return complete(caller, e, List.of(), refused.get());
            }
        }
        crashPoints.reached(CrashPoints.ASSOCIATION_ADDED);
        return complete(caller, e, errors, null);
    }

    private NumberAssignmentCompletedEvent disassociate(NumberAssignmentRequestedEvent e, Caller caller) {
        Optional<NumberAssignmentError> removal = step(null, () -> commands.sendUnshed(caller,
                new RemoveNumbersCommand(e.voiceConnectorId(), e.accountId(), e.e164PhoneNumbers())));
        crashPoints.reached(CrashPoints.DISASSOCIATION_REMOVED);
        // Released even if the connector refused the removal (deleted meanwhile): a claim names
        // this connector only while the number is on it, or while this process is undone.
        List<NumberAssignmentError> errors = new ArrayList<>();
        for (String number : e.e164PhoneNumbers()) {
            step(number, () -> commands.sendUnshed(caller,
                    new DisassociatePhoneNumberCommand(number, e.accountId(), e.voiceConnectorId())))
                    .ifPresent(errors::add);
        }
        crashPoints.reached(CrashPoints.DISASSOCIATION_RELEASED);
        return complete(caller, e, removal.isPresent() ? List.of() : errors, removal.orElse(null));
    }

    private NumberAssignmentCompletedEvent complete(Caller caller, NumberAssignmentRequestedEvent e,
                                                    List<NumberAssignmentError> errors,
                                                    NumberAssignmentError failure) {
        return commands.sendUnshed(caller, new CompleteNumberAssignmentCommand(e.assignmentId(), errors,
                failure == null ? null : failure.errorCode(), failure == null ? null : failure.errorMessage()));
    }

    /**
     * Runs one step; a refusal by a rule (a 4xx) is returned as that number's error, anything else
     * (a store that is down, a lost race past its retries) is thrown for the processor to retry.
     */
    private static Optional<NumberAssignmentError> step(String number, Runnable command) {
        try {
            command.run();
            return Optional.empty();
        } catch (ProxyRejected r) {
            if (r.httpStatus() >= 500) throw r;
            return Optional.of(new NumberAssignmentError(number, r.code().code(), r.getMessage()));
        } catch (AggregateNotFoundException missing) {
            return Optional.of(new NumberAssignmentError(number, AwsErrorCode.NOT_FOUND.code(),
                    number == null ? "Voice connector not found" : "Phone number " + number + " not found"));
        }
    }
}
