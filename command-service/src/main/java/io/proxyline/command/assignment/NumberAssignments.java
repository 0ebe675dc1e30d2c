package io.proxyline.command.assignment;

import io.proxyline.api.assignment.AssignmentKind;
import io.proxyline.api.assignment.NumberAssignmentCompletedEvent;
import io.proxyline.api.assignment.RequestNumberAssignmentCommand;
import io.proxyline.api.wire.Caller;
import io.proxyline.api.wire.ProxyRejected;
import io.proxyline.command.web.Commands;
import io.proxyline.command.web.Ids;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Runs an association or disassociation for a request and waits for its outcome. The request is
 * recorded first ({@code NumberAssignmentRequestedEvent}, durable when this returns from the
 * command); {@link NumberAssignmentProcess} drives the steps from that record on a tracking
 * processor whose position survives a crash, and records the outcome. The request thread only
 * waits: woken at once when the process runs in this JVM, otherwise it finds the recorded outcome
 * in the event store (the process may run on another command-service instance).
 */
@Component
public class NumberAssignments {
    private final Commands commands;
    private final EventStore eventStore;
    private final Duration timeout;
    private final Duration recheck;
    private final Map<String, CompletableFuture<NumberAssignmentCompletedEvent>> waiting = new ConcurrentHashMap<>();

    NumberAssignments(Commands commands, EventStore eventStore,
                      @Value("${proxyline.command.assignment-timeout:30s}") Duration timeout,
                      @Value("${proxyline.command.assignment-recheck:200ms}") Duration recheck) {
        this.commands = commands;
        this.eventStore = eventStore;
        this.timeout = timeout;
        this.recheck = recheck;
    }

    /**
     * Records the request and returns its outcome. If the outcome is not there within the timeout
     * (the process is retrying a store that is down), answers 503: the request stays recorded and
     * is completed when the store is back; the numbers' state is then visible in GetPhoneNumber.
     */
    public NumberAssignmentCompletedEvent run(Caller caller, AssignmentKind kind, String voiceConnectorId,
                                              List<String> numbers, boolean force) {
        String id = Ids.newId();
        CompletableFuture<NumberAssignmentCompletedEvent> outcome = new CompletableFuture<>();
        waiting.put(id, outcome);
        try {
            commands.send(caller, new RequestNumberAssignmentCommand(id, caller.accountId(), voiceConnectorId, kind,
                    numbers, force));
            return await(id, outcome);
        } finally {
            waiting.remove(id);
        }
    }

    private NumberAssignmentCompletedEvent await(String id, CompletableFuture<NumberAssignmentCompletedEvent> outcome) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                return outcome.get(recheck.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException notYet) {
                Optional<NumberAssignmentCompletedEvent> recorded = recorded(id);
                if (recorded.isPresent()) return recorded.get();
                if (System.nanoTime() - deadline > 0) {
                    throw ProxyRejected.unavailable("The phone number assignment " + id + " is recorded but not yet "
                            + "done; it completes when the service can write again");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw ProxyRejected.unavailable("Interrupted while waiting for phone number assignment " + id);
            } catch (ExecutionException e) {
                throw new IllegalStateException("an assignment outcome is never completed exceptionally", e);
            }
        }
    }

    /** The recorded outcome of an assignment, if it has one. */
    Optional<NumberAssignmentCompletedEvent> recorded(String assignmentId) {
        return eventStore.readEvents(assignmentId).asStream()
                .map(m -> m.getPayload())
                .filter(NumberAssignmentCompletedEvent.class::isInstance)
                .map(NumberAssignmentCompletedEvent.class::cast)
                .findFirst();
    }

    /** Wakes the request waiting for this outcome, if it waits in this JVM. */
    void completed(NumberAssignmentCompletedEvent outcome) {
        CompletableFuture<NumberAssignmentCompletedEvent> waiter = waiting.get(outcome.assignmentId());
        if (waiter != null) waiter.complete(outcome);
    }
}
