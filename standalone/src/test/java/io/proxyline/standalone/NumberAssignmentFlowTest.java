package io.proxyline.standalone;

import static io.proxyline.standalone.ProxySessionFlowTest.numbers;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.proxyline.api.assignment.AssignmentKind;
import io.proxyline.api.assignment.NumberAssignmentCompletedEvent;
import io.proxyline.api.wire.Caller;
import io.proxyline.command.assignment.NumberAssignments;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import software.amazon.awssdk.services.chimesdkvoice.model.BadRequestException;
import software.amazon.awssdk.services.chimesdkvoice.model.PhoneNumberOrderStatus;
import software.amazon.awssdk.services.chimesdkvoice.model.PhoneNumberProductType;
import software.amazon.awssdk.services.chimesdkvoice.model.PhoneNumberStatus;

/**
 * Association and disassociation as a durable process, on the wire and below it: the request-size
 * limit, a large list answered number by number, the undo when the connector is gone, and a
 * replay of the process's whole history that redoes nothing already done.
 */
class NumberAssignmentFlowTest extends StandaloneTestBase {
    @Autowired
    NumberAssignments assignments;

    @Autowired
    EventProcessingConfiguration processing;

    @Autowired
    EventStore eventStore;

    @Test
    void moreThan500NumbersAreRefusedWithBadRequestBeforeAnyWork() {
        List<String> owned = numbers(2);
        String vc = alice.createVoiceConnector(r -> r.name("limit").requireEncryption(false)).voiceConnector()
                .voiceConnectorId();
        assertThat(alice.createPhoneNumberOrder(r -> r.productType(PhoneNumberProductType.VOICE_CONNECTOR)
                .e164PhoneNumbers(owned)).phoneNumberOrder().status()).isEqualTo(PhoneNumberOrderStatus.SUCCESSFUL);
        List<String> tooMany = new ArrayList<>(owned);
        for (int i = 0; tooMany.size() < 501; i++) tooMany.add(String.format("+1303555%04d", i));
        Map<String, Long> before = eventCounts(owned);

        assertThatThrownBy(() -> alice.associatePhoneNumbersWithVoiceConnector(r -> r.voiceConnectorId(vc)
                .e164PhoneNumbers(tooMany)))
                .isInstanceOfSatisfying(BadRequestException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("BadRequestException");
                    assertThat(e.getMessage()).contains("501").contains("at most 500");
                });
        assertThatThrownBy(() -> alice.disassociatePhoneNumbersFromVoiceConnector(r -> r.voiceConnectorId(vc)
                .e164PhoneNumbers(tooMany))).isInstanceOf(BadRequestException.class);
        // The legacy chime namespace's AssociatePhoneNumbersWithVoiceConnector and its disassociate
        // counterpart use these same paths and methods (chime 2018-05-01), so they get the same answer.
        // An unknown connector is not even looked up: the size is checked first.
        assertThatThrownBy(() -> alice.associatePhoneNumbersWithVoiceConnector(r -> r.voiceConnectorId("nosuchconnector")
                .e164PhoneNumbers(tooMany))).isInstanceOf(BadRequestException.class);

        assertThat(eventCounts(owned)).as("nothing was claimed").isEqualTo(before);
        for (String n : owned) {
            assertThat(alice.getPhoneNumber(r -> r.phoneNumberId(n)).phoneNumber().status())
                    .isEqualTo(PhoneNumberStatus.UNASSIGNED);
        }
        // 500 is accepted.
        assertThat(alice.associatePhoneNumbersWithVoiceConnector(r -> r.voiceConnectorId(vc)
                .e164PhoneNumbers(tooMany.subList(0, 500))).phoneNumberErrors()).hasSize(498);
    }

    @Test
    void aFullRequestIsAnsweredNumberByNumber() {
        List<String> owned = numbers(3);
        String vc = alice.createVoiceConnector(r -> r.name("full").requireEncryption(false)).voiceConnector()
                .voiceConnectorId();
        alice.createPhoneNumberOrder(r -> r.productType(PhoneNumberProductType.VOICE_CONNECTOR).e164PhoneNumbers(owned));
        List<String> request = new ArrayList<>(owned);
        request.add("12065550199"); // the model's pattern allows it; E.164 needs the +
        for (int i = 0; request.size() < 500; i++) request.add(String.format("+1720555%04d", i));
        long started = System.nanoTime();
        var errors = alice.associatePhoneNumbersWithVoiceConnector(r -> r.voiceConnectorId(vc)
                .e164PhoneNumbers(request)).phoneNumberErrors();
        long millis = (System.nanoTime() - started) / 1_000_000;
        System.out.printf("[assignment] 500 numbers associated (3 owned, 497 errors) in %d ms%n", millis);
        assertThat(errors).hasSize(497);
        assertThat(errors.get(0).phoneNumberId()).isEqualTo("12065550199");
        assertThat(errors.get(0).errorCodeAsString()).isEqualTo("BadRequest");
        assertThat(errors.subList(1, errors.size())).allSatisfy(e ->
                assertThat(e.errorCodeAsString()).isEqualTo("NotFound"));
        for (String n : owned) {
            assertThat(alice.getPhoneNumber(r -> r.phoneNumberId(n)).phoneNumber().status())
                    .isEqualTo(PhoneNumberStatus.ASSIGNED);
        }
        assertThat(alice.disassociatePhoneNumbersFromVoiceConnector(r -> r.voiceConnectorId(vc)
                .e164PhoneNumbers(owned)).phoneNumberErrors()).isEmpty();
    }

    /** The connector vanishing after the request was recorded (deleted meanwhile): the claims are undone. */
    @Test
    void claimsAreUndoneWhenTheConnectorRefusesTheNumbers() {
        List<String> owned = numbers(2);
        alice.createPhoneNumberOrder(r -> r.productType(PhoneNumberProductType.VOICE_CONNECTOR).e164PhoneNumbers(owned));
        NumberAssignmentCompletedEvent outcome = assignments.run(new Caller(ACCOUNT_A, KEY_A, "undo-test"),
                AssignmentKind.ASSOCIATE, "deletedconnector", owned, false);
        assertThat(outcome.failureCode()).isEqualTo("NotFound");
        for (String n : owned) {
            var number = alice.getPhoneNumber(r -> r.phoneNumberId(n)).phoneNumber();
            assertThat(number.status()).as(n).isEqualTo(PhoneNumberStatus.UNASSIGNED);
            assertThat(number.associations()).as(n).isEmpty();
        }
    }

    /**
     * The process's token reset to the first event: every recorded request is delivered again, and
     * none is redone (each has its outcome recorded), so not one event is appended.
     */
    @Test
    void replayingTheWholeHistoryRedoesNothing() {
        List<String> pool = numbers(3);
        String vc = ProxySessionFlowTest.connectorWithPool(alice, pool);
        assertThat(alice.disassociatePhoneNumbersFromVoiceConnector(r -> r.voiceConnectorId(vc)
                .e164PhoneNumbers(pool)).phoneNumberErrors()).isEmpty();
        List<String> streams = new ArrayList<>(pool);
        streams.add(vc);
        Map<String, Long> before = eventCounts(streams);

        TrackingEventProcessor processor = processing.eventProcessor("number-assignments", TrackingEventProcessor.class)
                .orElseThrow();
        long head = eventStore.createHeadToken().position().orElseThrow();
        processor.shutDown();
        processor.resetTokens();
        processor.start();
        await("the replay reaches the head").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                .until(() -> !processor.processingStatus().isEmpty() && processor.processingStatus().values().stream()
                        .allMatch(s -> s.getCurrentPosition().orElse(-1) >= head));

        assertThat(eventCounts(streams)).isEqualTo(before);
        for (String n : pool) {
            assertThat(alice.getPhoneNumber(r -> r.phoneNumberId(n)).phoneNumber().status())
                    .isEqualTo(PhoneNumberStatus.UNASSIGNED);
        }
    }

    private Map<String, Long> eventCounts(List<String> aggregates) {
        Map<String, Long> counts = new TreeMap<>();
        for (String id : aggregates) counts.put(id, eventStore.readEvents(id).asStream().count());
        return counts;
    }
}
