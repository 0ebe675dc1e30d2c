package io.proxyline.command.assignment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.proxyline.api.assignment.AssignmentKind;
import io.proxyline.api.assignment.NumberAssignmentCompletedEvent;
import io.proxyline.api.assignment.RequestNumberAssignmentCommand;
import io.proxyline.api.wire.AwsErrorCode;
import io.proxyline.api.wire.Caller;
import io.proxyline.api.wire.ProxyRejected;
import io.proxyline.command.web.Commands;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;

/**
 * How a request waits for its assignment's outcome when the process runs elsewhere (another
 * command-service instance owns the processor): it finds the outcome in the event store; and when
 * nothing completes it in time, it answers 503, not a hang.
 */
class NumberAssignmentsTest {
    static final Caller CALLER = new Caller("111111111111", "AKIA", "req-1");

    @Test
    void anOutcomeRecordedByAnotherInstanceIsFoundInTheEventStore() {
        Commands commands = mock(Commands.class);
        EventStore eventStore = mock(EventStore.class);
        AtomicReference<String> id = new AtomicReference<>();
        when(commands.send(any(), any())).thenAnswer(call -> {
            id.set(((RequestNumberAssignmentCommand) call.getArgument(1)).assignmentId());
            return null;
        });
        int[] reads = {0};
        when(eventStore.readEvents(anyString())).thenAnswer(call -> {
            if (++reads[0] < 3) return DomainEventStream.empty();
            NumberAssignmentCompletedEvent done = new NumberAssignmentCompletedEvent(id.get(), CALLER.accountId(),
                    "vc1", AssignmentKind.ASSOCIATE, List.of(), null, null, Instant.EPOCH);
            return DomainEventStream.of(new GenericDomainEventMessage<>("NumberAssignment", id.get(), 1, done));
        });
        NumberAssignments assignments = new NumberAssignments(commands, eventStore, Duration.ofSeconds(10),
                Duration.ofMillis(20));

        NumberAssignmentCompletedEvent outcome = assignments.run(CALLER, AssignmentKind.ASSOCIATE, "vc1",
                List.of("+12065550900"), false);

        assertThat(outcome.assignmentId()).isEqualTo(id.get());
        assertThat(reads[0]).isEqualTo(3);
    }

    @Test
    void anOutcomeThatDoesNotComeInTimeIsA503() {
        Commands commands = mock(Commands.class);
        EventStore eventStore = mock(EventStore.class);
        when(eventStore.readEvents(anyString())).thenAnswer(call -> DomainEventStream.empty());
        NumberAssignments assignments = new NumberAssignments(commands, eventStore, Duration.ofMillis(200),
                Duration.ofMillis(20));

        assertThatThrownBy(() -> assignments.run(CALLER, AssignmentKind.DISASSOCIATE, "vc1", List.of("+12065550900"),
                false)).isInstanceOfSatisfying(ProxyRejected.class, e ->
                        assertThat(e.code()).isEqualTo(AwsErrorCode.SERVICE_UNAVAILABLE));
    }
}
