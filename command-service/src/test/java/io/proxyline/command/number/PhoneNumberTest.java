package io.proxyline.command.number;

import io.proxyline.api.number.AcquirePhoneNumberCommand;
import io.proxyline.api.number.AssociatePhoneNumberCommand;
import io.proxyline.api.number.DisassociatePhoneNumberCommand;
import io.proxyline.api.number.OrderedNumber;
import io.proxyline.api.number.PhoneNumberAcquiredEvent;
import io.proxyline.api.number.PhoneNumberAssociatedEvent;
import io.proxyline.api.number.PhoneNumberDisassociatedEvent;
import io.proxyline.api.number.PhoneNumberOrderPlacedEvent;
import io.proxyline.api.number.PhoneNumberReleasedEvent;
import io.proxyline.api.number.PlacePhoneNumberOrderCommand;
import io.proxyline.api.number.ReleasePhoneNumberCommand;
import io.proxyline.api.wire.AwsErrorCode;
import io.proxyline.command.MutableClock;
import java.time.Instant;
import java.util.List;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.hamcrest.Matcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PhoneNumberTest {
    static final String N = "+12065550900", A = "111111111111", B = "222222222222";
    static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");
    AggregateTestFixture<PhoneNumber> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(PhoneNumber.class);
        fixture.registerInjectableResource(new MutableClock(T0));
    }

    static Matcher<Object> rejected(AwsErrorCode code) {
        return io.proxyline.command.Rejections.rejected(code);
    }

    static PhoneNumberAcquiredEvent acquired(String account) {
        return new PhoneNumberAcquiredEvent(N, account, "o1", "VoiceConnector", null, "US", false, T0);
    }

    @Test
    void newNumberEntersTheInventory() {
        fixture.givenNoPriorActivity()
                .when(new AcquirePhoneNumberCommand(N, A, "o1", "VoiceConnector", null))
                .expectEvents(acquired(A));
    }

    @Test
    void aNumberHeldByOneAccountCannotBeOrderedByAnother() {
        fixture.given(acquired(A))
                .when(new AcquirePhoneNumberCommand(N, B, "o2", "VoiceConnector", null))
                .expectNoEvents().expectException(rejected(AwsErrorCode.BAD_REQUEST));
    }

    @Test
    void aReleasedNumberCanBeOrderedAgain() {
        fixture.given(acquired(A), new PhoneNumberReleasedEvent(N, A, T0))
                .when(new AcquirePhoneNumberCommand(N, B, "o1", "VoiceConnector", null))
                .expectEvents(acquired(B));
    }

    @Test
    void associatesWithOneConnector() {
        fixture.given(acquired(A))
                .when(new AssociatePhoneNumberCommand(N, A, "vc1", false))
                .expectEvents(new PhoneNumberAssociatedEvent(N, A, "vc1", T0));
    }

    @Test
    void associatingWithTheSameConnectorAgainRecordsNothing() {
        fixture.given(acquired(A), new PhoneNumberAssociatedEvent(N, A, "vc1", T0))
                .when(new AssociatePhoneNumberCommand(N, A, "vc1", false))
                .expectSuccessfulHandlerExecution().expectNoEvents();
    }

    @Test
    void aNumberIsAssociatedWithOneConnectorAtATime() {
        fixture.given(acquired(A), new PhoneNumberAssociatedEvent(N, A, "vc1", T0))
                .when(new AssociatePhoneNumberCommand(N, A, "vc2", true))
                .expectNoEvents().expectException(rejected(AwsErrorCode.CONFLICT));
    }

    @Test
    void anotherAccountCannotAssociateIt() {
        fixture.given(acquired(A))
                .when(new AssociatePhoneNumberCommand(N, B, "vc9", false))
                .expectNoEvents().expectException(rejected(AwsErrorCode.NOT_FOUND));
    }

    @Test
    void disassociatesFromItsConnector() {
        fixture.given(acquired(A), new PhoneNumberAssociatedEvent(N, A, "vc1", T0))
                .when(new DisassociatePhoneNumberCommand(N, A, "vc1"))
                .expectEvents(new PhoneNumberDisassociatedEvent(N, A, "vc1", T0));
    }

    @Test
    void cannotDisassociateFromAnotherConnector() {
        fixture.given(acquired(A), new PhoneNumberAssociatedEvent(N, A, "vc1", T0))
                .when(new DisassociatePhoneNumberCommand(N, A, "vc2"))
                .expectNoEvents().expectException(rejected(AwsErrorCode.BAD_REQUEST));
    }

    @Test
    void anAssociatedNumberCannotBeDeleted() {
        fixture.given(acquired(A), new PhoneNumberAssociatedEvent(N, A, "vc1", T0))
                .when(new ReleasePhoneNumberCommand(N, A))
                .expectNoEvents().expectException(rejected(AwsErrorCode.BAD_REQUEST));
    }

    @Test
    void deletingReleasesTheNumber() {
        fixture.given(acquired(A))
                .when(new ReleasePhoneNumberCommand(N, A))
                .expectEvents(new PhoneNumberReleasedEvent(N, A, T0));
    }

    @Test
    void anotherAccountCannotDeleteIt() {
        fixture.given(acquired(A))
                .when(new ReleasePhoneNumberCommand(N, B))
                .expectNoEvents().expectException(rejected(AwsErrorCode.NOT_FOUND));
    }

    @Test
    void orderStatusFollowsItsNumbers() {
        AggregateTestFixture<PhoneNumberOrder> orders = new AggregateTestFixture<>(PhoneNumberOrder.class);
        orders.registerInjectableResource(new MutableClock(T0));
        List<OrderedNumber> mixed = List.of(new OrderedNumber(N, "Acquired"), new OrderedNumber("+12065550901", "Failed"));
        orders.givenNoPriorActivity()
                .when(new PlacePhoneNumberOrderCommand("o1", A, "VoiceConnector", mixed))
                .expectEvents(new PhoneNumberOrderPlacedEvent("o1", A, "VoiceConnector", mixed, "Partial", T0));
    }
}
