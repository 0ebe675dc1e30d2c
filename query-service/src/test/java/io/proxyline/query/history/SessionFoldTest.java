package io.proxyline.query.history;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.proxyline.api.session.Capability;
import io.proxyline.api.session.CloseReason;
import io.proxyline.api.session.GeoMatchLevel;
import io.proxyline.api.session.GeoMatchParams;
import io.proxyline.api.session.NumberSelectionBehavior;
import io.proxyline.api.session.ProxySessionClosedEvent;
import io.proxyline.api.session.ProxySessionCreatedEvent;
import io.proxyline.api.session.ProxySessionDeletedEvent;
import io.proxyline.api.session.ProxySessionInProgressEvent;
import io.proxyline.api.session.ProxySessionUpdatedEvent;
import io.proxyline.api.session.ProxySessionWire;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The pure fold behind GetProxySession {@code ?at=}: a session's events applied up to an instant. */
class SessionFoldTest {
    private static final Instant T0 = Instant.parse("2024-03-01T10:00:00Z");
    private static final String VC = "vc1";
    private static final String RIDER = "+12065550100";
    private static final String DRIVER = "+12065550101";
    private static final String PROXY = "+12065550199";

    private static Instant minutes(long m) {
        return T0.plus(Duration.ofMinutes(m));
    }

    private static ProxySessionCreatedEvent created(String id, int expiryMinutes) {
        return new ProxySessionCreatedEvent(VC, "111122223333", id, 0, List.of(RIDER, DRIVER), PROXY,
                new LinkedHashSet<>(List.of(Capability.SMS, Capability.VOICE)), expiryMinutes, "ride-42",
                NumberSelectionBehavior.PREFER_STICKY, GeoMatchLevel.AREA_CODE, new GeoMatchParams("US", "206"), T0);
    }

    private static ProxySessionUpdatedEvent updated(String id, long atMinute, int expiryMinutes) {
        return new ProxySessionUpdatedEvent(VC, id, Set.of(Capability.VOICE), expiryMinutes, minutes(atMinute));
    }

    private static ProxySessionInProgressEvent inProgress(String id, long atMinute) {
        return new ProxySessionInProgressEvent(VC, id, "interaction-1", minutes(atMinute));
    }

    private static ProxySessionClosedEvent closed(String id, CloseReason reason, Instant at) {
        return new ProxySessionClosedEvent(VC, id, reason, at);
    }

    private static ProxySessionDeletedEvent deleted(String id, long atMinute) {
        return new ProxySessionDeletedEvent(VC, id, minutes(atMinute));
    }

    /** Created (60 min), updated at +10 (Voice only, 90 min), InProgress at +20, closed at +30, deleted at +40. */
    private static List<Object> lifecycle() {
        return List.of(created("s1", 60), updated("s1", 10, 90), inProgress("s1", 20),
                closed("s1", CloseReason.PROXY_CONFIG_DELETED, minutes(30)), deleted("s1", 40));
    }

    private static Optional<JsonNode> at(List<Object> events, Instant at) {
        return SessionFold.at("s1", events, at).<JsonNode>map(s -> ProxySessionWire.render(s.at(at)));
    }

    private static JsonNode existing(List<Object> events, Instant at) {
        return at(events, at).orElseThrow(() -> new AssertionError("no session at " + at));
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static List<String> texts(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }

    @Test
    void nothingBeforeTheCreation() {
        assertThat(at(lifecycle(), T0.minusMillis(1))).isEmpty();
        assertThat(at(List.of(), T0)).isEmpty();
    }

    @Test
    void atItsCreatedTimestampTheSessionIsOpenAsCreated() {
        JsonNode session = existing(lifecycle(), T0);

        assertThat(fieldNames(session)).containsExactly("VoiceConnectorId", "ProxySessionId", "Name", "Status",
                "ExpiryMinutes", "Capabilities", "CreatedTimestamp", "UpdatedTimestamp", "Participants",
                "NumberSelectionBehavior", "GeoMatchLevel", "GeoMatchParams");
        assertThat(session.get("VoiceConnectorId").asText()).isEqualTo(VC);
        assertThat(session.get("ProxySessionId").asText()).isEqualTo("s1");
        assertThat(session.get("Name").asText()).isEqualTo("ride-42");
        assertThat(session.get("Status").asText()).isEqualTo("Open");
        assertThat(session.get("ExpiryMinutes").asInt()).isEqualTo(60);
        // In the enum's order whatever order the event's set has, as GetProxySession lists them.
        assertThat(texts(session.get("Capabilities"))).containsExactly("Voice", "SMS");
        assertThat(session.get("CreatedTimestamp").asText()).isEqualTo("2024-03-01T10:00:00.000Z");
        assertThat(session.get("UpdatedTimestamp").asText()).isEqualTo("2024-03-01T10:00:00.000Z");
        assertThat(session.get("Participants")).hasSize(2);
        assertThat(session.get("Participants").get(0).get("PhoneNumber").asText()).isEqualTo(RIDER);
        assertThat(session.get("Participants").get(0).get("ProxyPhoneNumber").asText()).isEqualTo(PROXY);
        assertThat(session.get("Participants").get(1).get("PhoneNumber").asText()).isEqualTo(DRIVER);
        assertThat(session.get("Participants").get(1).get("ProxyPhoneNumber").asText()).isEqualTo(PROXY);
        assertThat(session.get("NumberSelectionBehavior").asText()).isEqualTo("PreferSticky");
        assertThat(session.get("GeoMatchLevel").asText()).isEqualTo("AreaCode");
        assertThat(session.get("GeoMatchParams").get("Country").asText()).isEqualTo("US");
        assertThat(session.get("GeoMatchParams").get("AreaCode").asText()).isEqualTo("206");
    }

    @Test
    void optionalMembersAreLeftOutWhenTheSessionHasNone() {
        ProxySessionCreatedEvent plain = new ProxySessionCreatedEvent(VC, "111122223333", "s1", 0,
                List.of(RIDER, DRIVER), PROXY, Set.of(Capability.VOICE), 60, null, null, null, null, T0);

        JsonNode session = existing(List.of(plain), T0);

        assertThat(fieldNames(session)).containsExactly("VoiceConnectorId", "ProxySessionId", "Status",
                "ExpiryMinutes", "Capabilities", "CreatedTimestamp", "UpdatedTimestamp", "Participants");
    }

    @Test
    void anUpdateCountsFromItsOwnInstant() {
        JsonNode before = existing(lifecycle(), minutes(10).minusMillis(1));
        assertThat(texts(before.get("Capabilities"))).containsExactly("Voice", "SMS");
        assertThat(before.get("ExpiryMinutes").asInt()).isEqualTo(60);
        assertThat(before.get("UpdatedTimestamp").asText()).isEqualTo("2024-03-01T10:00:00.000Z");

        JsonNode after = existing(lifecycle(), minutes(10));
        assertThat(texts(after.get("Capabilities"))).containsExactly("Voice");
        assertThat(after.get("ExpiryMinutes").asInt()).isEqualTo(90);
        assertThat(after.get("UpdatedTimestamp").asText()).isEqualTo("2024-03-01T10:10:00.000Z");
        assertThat(after.get("Status").asText()).isEqualTo("Open");
    }

    @Test
    void inProgressFromTheFirstForwardedInteraction() {
        assertThat(existing(lifecycle(), minutes(20).minusMillis(1)).get("Status").asText()).isEqualTo("Open");

        JsonNode session = existing(lifecycle(), minutes(20));
        assertThat(session.get("Status").asText()).isEqualTo("InProgress");
        assertThat(session.get("UpdatedTimestamp").asText()).isEqualTo("2024-03-01T10:20:00.000Z");
        assertThat(session.has("EndedTimestamp")).isFalse();
    }

    @Test
    void closedFromItsEndedTimestampAndUpdatedTimestampStaysAsTheReadModelKeepsIt() {
        assertThat(existing(lifecycle(), minutes(30).minusMillis(1)).get("Status").asText()).isEqualTo("InProgress");

        JsonNode session = existing(lifecycle(), minutes(30));
        assertThat(session.get("Status").asText()).isEqualTo("Closed");
        assertThat(session.get("EndedTimestamp").asText()).isEqualTo("2024-03-01T10:30:00.000Z");
        assertThat(session.get("UpdatedTimestamp").asText()).isEqualTo("2024-03-01T10:20:00.000Z");
    }

    @Test
    void goneFromItsDeletion() {
        assertThat(existing(lifecycle(), minutes(40).minusMillis(1)).get("Status").asText()).isEqualTo("Closed");
        assertThat(at(lifecycle(), minutes(40))).isEmpty();
        assertThat(at(lifecycle(), minutes(60 * 24 * 365))).isEmpty();
    }

    @Test
    void anActiveSessionPastItsExpiryInstantIsClosedAtThatInstant() {
        List<Object> events = List.of(created("s1", 60));

        JsonNode open = existing(events, minutes(60).minusMillis(1));
        assertThat(open.get("Status").asText()).isEqualTo("Open");
        assertThat(open.has("EndedTimestamp")).isFalse();
        for (Instant at : List.of(minutes(60), minutes(61), minutes(60 * 24))) {
            JsonNode session = existing(events, at);
            assertThat(session.get("Status").asText()).as("at %s", at).isEqualTo("Closed");
            assertThat(session.get("EndedTimestamp").asText()).as("at %s", at).isEqualTo("2024-03-01T11:00:00.000Z");
        }
    }

    @Test
    void anInProgressSessionExpiresToo() {
        List<Object> events = List.of(created("s1", 60), inProgress("s1", 20));

        assertThat(existing(events, minutes(59)).get("Status").asText()).isEqualTo("InProgress");
        JsonNode session = existing(events, minutes(60));
        assertThat(session.get("Status").asText()).isEqualTo("Closed");
        assertThat(session.get("EndedTimestamp").asText()).isEqualTo("2024-03-01T11:00:00.000Z");
    }

    @Test
    void theExpiryIsTheOneInForceAtTheInstant() {
        List<Object> extended = List.of(created("s1", 60), updated("s1", 10, 90));
        assertThat(existing(extended, minutes(70)).get("Status").asText()).isEqualTo("Open");
        JsonNode closed = existing(extended, minutes(90));
        assertThat(closed.get("Status").asText()).isEqualTo("Closed");
        assertThat(closed.get("EndedTimestamp").asText()).isEqualTo("2024-03-01T11:30:00.000Z");

        List<Object> shortened = List.of(created("s1", 60), updated("s1", 10, 15));
        assertThat(existing(shortened, minutes(9)).get("ExpiryMinutes").asInt()).isEqualTo(60);
        assertThat(existing(shortened, minutes(15).minusMillis(1)).get("Status").asText()).isEqualTo("Open");
        JsonNode early = existing(shortened, minutes(15));
        assertThat(early.get("Status").asText()).isEqualTo("Closed");
        assertThat(early.get("EndedTimestamp").asText()).isEqualTo("2024-03-01T10:15:00.000Z");
    }

    @Test
    void aRecordedExpiryAgreesWithTheReadTimeExpiry() {
        // The sweeper records the closing after the fact, with the expiry instant as EndedTimestamp.
        List<Object> recorded = List.of(created("s1", 60), closed("s1", CloseReason.EXPIRED, minutes(60)));
        List<Object> unrecorded = List.of(created("s1", 60));

        for (Instant at : List.of(minutes(59), minutes(60).minusMillis(1), minutes(60), minutes(61), minutes(600))) {
            assertThat(existing(recorded, at)).as("at %s", at).isEqualTo(existing(unrecorded, at));
        }
        assertThat(existing(recorded, minutes(60)).get("Status").asText()).isEqualTo("Closed");
    }

    @Test
    void aClosedSessionIsNeverReopened() {
        List<Object> events = List.of(created("s1", 60), closed("s1", CloseReason.PROXY_NUMBER_DISASSOCIATED,
                minutes(30)), inProgress("s1", 31), updated("s1", 32, 120));

        JsonNode session = existing(events, minutes(90));
        assertThat(session.get("Status").asText()).isEqualTo("Closed");
        assertThat(session.get("EndedTimestamp").asText()).isEqualTo("2024-03-01T10:30:00.000Z");
    }

    @Test
    void otherSessionsEventsDoNotCount() {
        ProxySessionCreatedEvent other = new ProxySessionCreatedEvent(VC, "111122223333", "s2", 1,
                List.of(RIDER, DRIVER), PROXY, Set.of(Capability.VOICE), 5, null, null, null, null, T0.minusSeconds(60));
        List<Object> events = List.of(other, created("s1", 60), updated("s2", 1, 30), inProgress("s2", 2),
                closed("s2", CloseReason.PROXY_CONFIG_DELETED, minutes(3)), deleted("s2", 4), "not an event");

        assertThat(at(events, T0.minusSeconds(1))).isEmpty();
        JsonNode session = existing(events, minutes(5));
        assertThat(session.get("ProxySessionId").asText()).isEqualTo("s1");
        assertThat(session.get("Status").asText()).isEqualTo("Open");
        assertThat(texts(session.get("Capabilities"))).containsExactly("Voice", "SMS");
        assertThat(session.get("UpdatedTimestamp").asText()).isEqualTo("2024-03-01T10:00:00.000Z");
    }

    /** The whole lifecycle at many instants: minutes (and milliseconds) after creation → what GetProxySession shows. */
    @ParameterizedTest(name = "at +{0}min{1}ms: {2}")
    @CsvSource({
        "-1, 0, NotFound, , ",
        "0, -1, NotFound, , ",
        "0, 0, Open, 60, ",
        "5, 0, Open, 60, ",
        "10, -1, Open, 60, ",
        "10, 0, Open, 90, ",
        "19, 999, Open, 90, ",
        "20, 0, InProgress, 90, ",
        "29, 0, InProgress, 90, ",
        "30, 0, Closed, 90, 2024-03-01T10:30:00.000Z",
        "35, 0, Closed, 90, 2024-03-01T10:30:00.000Z",
        "39, 999, Closed, 90, 2024-03-01T10:30:00.000Z",
        "40, 0, NotFound, , ",
        "100, 0, NotFound, , ",
    })
    void theLifecycleAtManyInstants(long minute, long millis, String expected, Integer expiry, String ended) {
        Optional<JsonNode> session = at(lifecycle(), minutes(minute).plusMillis(millis));

        if (expected.equals("NotFound")) {
            assertThat(session).isEmpty();
            return;
        }
        assertThat(session).isPresent();
        assertThat(session.get().get("Status").asText()).isEqualTo(expected);
        assertThat(session.get().get("ExpiryMinutes").asInt()).isEqualTo(expiry);
        if (ended == null) {
            assertThat(session.get().has("EndedTimestamp")).isFalse();
        } else {
            assertThat(session.get().get("EndedTimestamp").asText()).isEqualTo(ended);
        }
    }

    /** Without the recorded closing and deletion, the same session expires at +90 (its updated expiry). */
    @ParameterizedTest(name = "at +{0}min: {1}")
    @CsvSource({
        "25, InProgress, ",
        "89, InProgress, ",
        "90, Closed, 2024-03-01T11:30:00.000Z",
        "1000, Closed, 2024-03-01T11:30:00.000Z",
    })
    void theLifecycleWithoutItsEndExpiresAtTheUpdatedExpiry(long minute, String expected, String ended) {
        JsonNode session = existing(lifecycle().subList(0, 3), minutes(minute));

        assertThat(session.get("Status").asText()).isEqualTo(expected);
        if (ended == null) {
            assertThat(session.has("EndedTimestamp")).isFalse();
        } else {
            assertThat(session.get("EndedTimestamp").asText()).isEqualTo(ended);
        }
    }
}
