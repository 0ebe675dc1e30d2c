package io.proxyline.command.number;

import io.proxyline.api.assignment.AssignmentKind;
import io.proxyline.api.assignment.CompleteNumberAssignmentCommand;
import io.proxyline.api.assignment.NumberAssignmentCompletedEvent;
import io.proxyline.api.assignment.NumberAssignmentError;
import io.proxyline.api.assignment.NumberAssignmentRequestedEvent;
import io.proxyline.api.assignment.RequestNumberAssignmentCommand;
import io.proxyline.api.wire.AwsErrorCode;
import io.proxyline.command.MutableClock;
import java.time.Instant;
import java.util.List;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class NumberAssignmentTest {
    static final String ID = "a1", A = "111111111111", VC = "vc1", N = "+12065550900";
    static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");
    static final NumberAssignmentRequestedEvent REQUESTED =
            new NumberAssignmentRequestedEvent(ID, A, VC, AssignmentKind.ASSOCIATE, List.of(N), false, T0);
    static final List<NumberAssignmentError> ERRORS = List.of(new NumberAssignmentError(N, "NotFound", "gone"));
    AggregateTestFixture<NumberAssignment> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(NumberAssignment.class);
        fixture.registerInjectableResource(new MutableClock(T0));
    }

    @Test
    void aRequestIsRecordedBeforeAnyStep() {
        fixture.givenNoPriorActivity()
                .when(new RequestNumberAssignmentCommand(ID, A, VC, AssignmentKind.ASSOCIATE, List.of(N), false))
                .expectEvents(REQUESTED);
    }

    @Test
    void aRequestNeedsValidNumbers() {
        fixture.givenNoPriorActivity()
                .when(new RequestNumberAssignmentCommand(ID, A, VC, AssignmentKind.ASSOCIATE, List.of("12065550900"), false))
                .expectNoEvents().expectException(PhoneNumberTest.rejected(AwsErrorCode.BAD_REQUEST));
    }

    @Test
    void theOutcomeIsRecordedOnce() {
        NumberAssignmentCompletedEvent completed = new NumberAssignmentCompletedEvent(ID, A, VC,
                AssignmentKind.ASSOCIATE, ERRORS, null, null, T0);
        fixture.given(REQUESTED)
                .when(new CompleteNumberAssignmentCommand(ID, ERRORS, null, null))
                .expectEvents(completed).expectResultMessagePayload(completed);
    }

    /** A step replayed after a crash completes again: nothing new is recorded, the first outcome is the answer. */
    @Test
    void aSecondCompletionGetsTheFirstOutcome() {
        NumberAssignmentCompletedEvent first = new NumberAssignmentCompletedEvent(ID, A, VC,
                AssignmentKind.ASSOCIATE, ERRORS, null, null, T0);
        fixture.given(REQUESTED, first)
                .when(new CompleteNumberAssignmentCommand(ID, List.of(), "NotFound", "other"))
                .expectNoEvents().expectResultMessagePayload(first);
    }
}
