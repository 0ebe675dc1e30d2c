package io.proxyline.query.history;

import static io.proxyline.query.history.HistoryStory.ACCOUNT;
import static io.proxyline.query.history.HistoryStory.OTHER_ACCOUNT;
import static io.proxyline.query.history.HistoryStory.connector;
import static io.proxyline.query.history.HistoryStory.forward;
import static io.proxyline.query.history.HistoryStory.owner;
import static io.proxyline.query.history.HistoryStory.plus;
import static io.proxyline.query.history.HistoryStory.session;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.proxyline.api.connector.NumbersAddedEvent;
import io.proxyline.api.connector.VoiceConnectorDeletedEvent;
import io.proxyline.api.session.Capability;
import io.proxyline.api.session.CloseReason;
import io.proxyline.api.session.ProxySessionClosedEvent;
import io.proxyline.api.session.ProxySessionCreatedEvent;
import io.proxyline.api.session.ProxySessionDeletedEvent;
import io.proxyline.api.session.ProxySessionUpdatedEvent;
import io.proxyline.api.wire.AwsErrorCode;
import io.proxyline.api.wire.Caller;
import io.proxyline.api.wire.ProxyRejected;
import io.proxyline.query.InMemoryMongo;
import io.proxyline.query.web.PageToken;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.axonframework.eventhandling.DomainEventMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Session and connector histories: the projection's index and the event store's own events. */
/**
 * What both history adapters must do, through the projection and the queries:
 * {@link MongoHistoryQueriesTest} and {@link JdbcHistoryQueriesTest} run it.
 */
abstract class HistoryQueriesContract {
    @RegisterExtension
    static final InMemoryMongo mongo = new InMemoryMongo();

    HistoryFixture f;

    /** A store with nothing in it. */
    abstract HistoryStore newStore();

    /** Everything the read models hold, comparable with equals. */
    abstract Object snapshot();

    abstract boolean storeIsEmpty();
    private HistoryQueries queries;

    @BeforeEach
    void setUp() {
        f = new HistoryFixture(newStore());
        queries = f.queries;
    }

    @AfterEach
    void tearDown() {
        f.close();
    }

    ObjectNode sessionHistory(String account, String vc, String session) {
        return queries.sessionHistory(account, vc, session, 100, null);
    }

    static List<String> types(ObjectNode page) {
        List<String> types = new ArrayList<>();
        page.get("Events").forEach(e -> types.add(e.get("EventType").asText()));
        return types;
    }

    private static List<Long> sequenceNumbers(ObjectNode page) {
        List<Long> numbers = new ArrayList<>();
        page.get("Events").forEach(e -> numbers.add(e.get("SequenceNumber").asLong()));
        return numbers;
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static void assertNotFound(Runnable query) {
        assertThatThrownBy(query::run)
                .isInstanceOfSatisfying(ProxyRejected.class, e -> assertThat(e.code()).isEqualTo(AwsErrorCode.NOT_FOUND));
    }

    private static void assertBadRequest(Runnable query) {
        assertThatThrownBy(query::run)
                .isInstanceOfSatisfying(ProxyRejected.class, e -> assertThat(e.code()).isEqualTo(AwsErrorCode.BAD_REQUEST));
    }

    @Test
    void aSessionsHistoryIsItsOwnEventsOldestFirstAtTheirPlaceInTheConnectorsStream() {
        HistoryStory.tell(f);

        ObjectNode s1 = sessionHistory(ACCOUNT, "vc1", "s1");
        assertThat(types(s1)).containsExactly("ProxySessionCreated", "ProxySessionUpdated", "ProxySessionInProgress",
                "ProxySessionClosed", "ProxySessionDeleted");
        assertThat(sequenceNumbers(s1)).containsExactly(3L, 5L, 7L, 8L, 9L);
        assertThat(s1.has("NextToken")).isFalse();

        ObjectNode s2 = sessionHistory(ACCOUNT, "vc1", "s2");
        assertThat(types(s2)).containsExactly("ProxySessionCreated", "ProxySessionClosed");
        assertThat(sequenceNumbers(s2)).containsExactly(4L, 11L);
    }

    @Test
    void anEntryIsTheStoredEventWithWhoAndWhenFromItsMetadata() {
        HistoryStory.tell(f);

        JsonNode created = sessionHistory(ACCOUNT, "vc1", "s1").get("Events").get(0);

        assertThat(fieldNames(created)).containsExactly("SequenceNumber", "EventType", "Timestamp", "Principal",
                "RequestId", "Data");
        assertThat(created.get("SequenceNumber").asLong()).isEqualTo(3);
        assertThat(created.get("EventType").asText()).isEqualTo("ProxySessionCreated");
        assertThat(created.get("Timestamp").asText()).isEqualTo("2024-03-01T10:00:10.000Z");
        assertThat(fieldNames(created.get("Principal"))).containsExactly("AccountId", "AccessKeyId");
        assertThat(created.get("Principal").get("AccountId").asText()).isEqualTo(ACCOUNT);
        assertThat(created.get("Principal").get("AccessKeyId").asText()).isEqualTo("AKIAPROXYLINEOWNER01");
        assertThat(created.get("RequestId").asText()).isEqualTo("req-4");
        JsonNode data = created.get("Data");
        assertThat(fieldNames(data)).containsExactly("VoiceConnectorId", "ProxySessionId", "Name", "Status",
                "ExpiryMinutes", "Capabilities", "CreatedTimestamp", "Participants", "NumberSelectionBehavior");
        assertThat(data.get("ProxySessionId").asText()).isEqualTo("s1");
        assertThat(data.get("Name").asText()).isEqualTo("ride-s1");
        assertThat(data.get("Status").asText()).isEqualTo("Open");
        assertThat(data.get("ExpiryMinutes").asInt()).isEqualTo(1);
        assertThat(data.get("Capabilities").toString()).isEqualTo("[\"Voice\",\"SMS\"]");
        assertThat(data.get("CreatedTimestamp").asText()).isEqualTo("2024-03-01T10:00:10.000Z");
        assertThat(data.get("Participants").get(1).get("PhoneNumber").asText()).isEqualTo(HistoryStory.DRIVER);
        assertThat(data.get("Participants").get(1).get("ProxyPhoneNumber").asText()).isEqualTo(HistoryStory.PROXY);
        assertThat(data.get("NumberSelectionBehavior").asText()).isEqualTo("PreferSticky");
    }

    @Test
    void eachEntryNamesTheRequestThatCausedIt() {
        HistoryStory.tell(f);

        List<JsonNode> entries = new ArrayList<>();
        sessionHistory(ACCOUNT, "vc1", "s1").get("Events").forEach(entries::add);

        assertThat(entries.get(1).get("RequestId").asText()).isEqualTo("req-6");
        assertThat(entries.get(1).get("Data").get("Capabilities").toString()).isEqualTo("[\"Voice\"]");
        assertThat(entries.get(1).get("Data").get("UpdatedTimestamp").asText()).isEqualTo("2024-03-01T10:00:20.000Z");
        // The routing hook's credentials moved the session to InProgress.
        assertThat(entries.get(2).get("Principal").get("AccessKeyId").asText()).isEqualTo("AKIAPROXYLINEHOOK001");
        assertThat(entries.get(2).get("RequestId").asText()).isEqualTo("req-7");
        assertThat(entries.get(2).get("Data").get("InteractionId").asText()).isEqualTo("i1");
        assertThat(entries.get(4).get("RequestId").asText()).isEqualTo("req-9");
        assertThat(entries.get(4).get("Data").get("DeletedTimestamp").asText()).isEqualTo("2024-03-01T10:01:20.000Z");
        // s2 was closed by the request that deleted the proxy configuration.
        JsonNode s2Closed = sessionHistory(ACCOUNT, "vc1", "s2").get("Events").get(1);
        assertThat(s2Closed.get("RequestId").asText()).isEqualTo("req-10");
        assertThat(s2Closed.get("Principal").get("AccountId").asText()).isEqualTo(ACCOUNT);
        assertThat(s2Closed.get("Data").get("Reason").asText()).isEqualTo("ProxyConfigDeleted");
    }

    @Test
    void anExpiryRecordedByTheSweeperShowsTheExpiryServiceAsPrincipal() {
        HistoryStory.tell(f);

        JsonNode closed = sessionHistory(ACCOUNT, "vc1", "s1").get("Events").get(3);

        assertThat(closed.get("EventType").asText()).isEqualTo("ProxySessionClosed");
        assertThat(closed.get("Principal").toString()).isEqualTo("{\"Service\":\"proxyline-expiry\"}");
        assertThat(closed.has("RequestId")).isFalse();
        // Recorded a second after the expiry instant, which is what the session reports as its end.
        assertThat(closed.get("Timestamp").asText()).isEqualTo("2024-03-01T10:01:11.000Z");
        assertThat(closed.get("Data").get("Reason").asText()).isEqualTo("Expired");
        assertThat(closed.get("Data").get("EndedTimestamp").asText()).isEqualTo("2024-03-01T10:01:10.000Z");
    }

    @Test
    void otherEventsRecordedWithoutACallerShowProxylineAsPrincipal() {
        f.record(connector("vc1", ACCOUNT), owner("req-1"), HistoryStory.T0);
        f.record(session("vc1", ACCOUNT, "s1", 0, 60, plus(1)), owner("req-2"), plus(1));
        f.record(new ProxySessionClosedEvent("vc1", "s1", CloseReason.PROXY_NUMBER_DISASSOCIATED, plus(2)),
                (Caller) null, plus(2));

        JsonNode closed = sessionHistory(ACCOUNT, "vc1", "s1").get("Events").get(1);

        assertThat(closed.get("Principal").toString()).isEqualTo("{\"Service\":\"proxyline\"}");
    }

    @Test
    void nothingButTheCallersAccountAndAccessKeyLeavesTheMetadata() {
        f.record(connector("vc1", ACCOUNT), owner("req-1"), HistoryStory.T0);
        Map<String, Object> metaData = new HashMap<>(HistoryFixture.metaData(owner("req-2")));
        metaData.put("secretAccessKey", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");
        metaData.put("authorization", "AWS4-HMAC-SHA256 Credential=AKIA/20240301 Signature=fe5f80f77d5fa3beca");
        metaData.put("traceId", "trace-123");
        f.record(session("vc1", ACCOUNT, "s1", 0, 60, plus(1)), metaData, plus(1));

        String wire = sessionHistory(ACCOUNT, "vc1", "s1").toString()
                + queries.connectorHistory(ACCOUNT, "vc1", 100, null).toString();

        assertThat(wire).contains("req-2").doesNotContain("wJalrXUtnFEMI", "Signature", "AWS4-HMAC", "trace-123",
                "secretAccessKey", "authorization", "traceId");
    }

    @Test
    void aConnectorsHistoryIsItsOwnConfigurationAndNumberChangesOnly() {
        HistoryStory.tell(f);

        ObjectNode vc1 = queries.connectorHistory(ACCOUNT, "vc1", 100, null);

        assertThat(types(vc1)).containsExactly("VoiceConnectorCreated", "ProxyConfigPut", "NumbersAdded",
                "ProxyConfigDeleted", "NumbersRemoved", "VoiceConnectorDeleted");
        assertThat(sequenceNumbers(vc1)).containsExactly(0L, 1L, 2L, 10L, 12L, 13L);
        JsonNode put = vc1.get("Events").get(1).get("Data");
        assertThat(fieldNames(put)).containsExactly("VoiceConnectorId", "DefaultSessionExpiryMinutes",
                "PhoneNumberPoolCountries", "FallBackPhoneNumber", "Disabled");
        assertThat(put.get("PhoneNumberPoolCountries").toString()).isEqualTo("[\"US\"]");
        assertThat(vc1.get("Events").get(2).get("Data").get("E164PhoneNumbers").toString())
                .isEqualTo("[\"" + HistoryStory.PROXY + "\"]");
        JsonNode created = vc1.get("Events").get(0).get("Data");
        assertThat(fieldNames(created)).containsExactly("VoiceConnectorId", "Name", "AwsRegion", "RequireEncryption",
                "CreatedTimestamp");
        assertThat(vc1.get("Events").get(5).get("RequestId").asText()).isEqualTo("req-12");
    }

    @Test
    void aClosedSessionsHistoryStaysReadable() {
        HistoryStory.tell(f);

        // s2 is Closed, not deleted; its connector is deleted since.
        assertThat(types(sessionHistory(ACCOUNT, "vc1", "s2")))
                .containsExactly("ProxySessionCreated", "ProxySessionClosed");
    }

    @Test
    void aDeletedSessionsHistoryStaysReadableWithTheDeletionLast() {
        f.record(connector("vc1", ACCOUNT), owner("req-1"), HistoryStory.T0);
        f.record(session("vc1", ACCOUNT, "s1", 0, 60, plus(1)), owner("req-2"), plus(1));
        assertThat(types(sessionHistory(ACCOUNT, "vc1", "s1"))).containsExactly("ProxySessionCreated");

        f.record(new ProxySessionDeletedEvent("vc1", "s1", plus(2)), owner("req-3"), plus(2));

        List<String> types = types(sessionHistory(ACCOUNT, "vc1", "s1"));
        assertThat(types).containsExactly("ProxySessionCreated", "ProxySessionDeleted");
    }

    @Test
    void aDeletedConnectorsHistoryStaysReadable() {
        f.record(connector("vc1", ACCOUNT), owner("req-1"), HistoryStory.T0);
        f.record(new VoiceConnectorDeletedEvent("vc1", ACCOUNT, plus(1)), owner("req-2"),
                plus(1));

        assertThat(types(queries.connectorHistory(ACCOUNT, "vc1", 100, null)))
                .containsExactly("VoiceConnectorCreated", "VoiceConnectorDeleted");
    }

    @Test
    void anotherAccountsHistoriesAreNotFound() {
        HistoryStory.tell(f);

        assertNotFound(() -> sessionHistory(OTHER_ACCOUNT, "vc1", "s1"));
        assertNotFound(() -> queries.connectorHistory(OTHER_ACCOUNT, "vc1", 100, null));
        assertNotFound(() -> sessionHistory(ACCOUNT, "vcX", "x1"));
        assertNotFound(() -> queries.connectorHistory(ACCOUNT, "vcX", 100, null));
        // Nor through a connector of one's own.
        assertNotFound(() -> sessionHistory(ACCOUNT, "vc2", "x1"));
        // The stranger still reads its own.
        assertThat(types(sessionHistory(OTHER_ACCOUNT, "vcX", "x1"))).containsExactly("ProxySessionCreated");
    }

    @Test
    void aSessionIsOnlyFoundUnderItsOwnConnector() {
        HistoryStory.tell(f);

        assertNotFound(() -> sessionHistory(ACCOUNT, "vc2", "s1"));
    }

    @Test
    void unknownConnectorsAndSessionsAreNotFound() {
        HistoryStory.tell(f);

        assertNotFound(() -> sessionHistory(ACCOUNT, "vc1", "s-unknown"));
        assertNotFound(() -> sessionHistory(ACCOUNT, "vc-unknown", "s1"));
        assertNotFound(() -> queries.connectorHistory(ACCOUNT, "vc-unknown", 100, null));
    }

    @Test
    void laterSessionEventsBelongToTheAccountThatCreatedTheSession() {
        // Only the creation names the account; the rest of the session's history must stay its.
        HistoryStory.tell(f);

        for (JsonNode entry : sessionHistory(ACCOUNT, "vc1", "s1").get("Events")) {
            assertThat(entry.get("Data").get("ProxySessionId").asText()).isEqualTo("s1");
        }
        assertThat(f.store.find(HistoryStore.sessionKey("vc1", "s1")).orElseThrow().accountId()).isEqualTo(ACCOUNT);
        assertNotFound(() -> sessionHistory(OTHER_ACCOUNT, "vc1", "s1"));
    }

    @Test
    void pagesFollowEachOtherWithoutGapsAndTheLastHasNoToken() {
        HistoryStory.tell(f);

        ObjectNode first = queries.sessionHistory(ACCOUNT, "vc1", "s1", 2, null);
        assertThat(sequenceNumbers(first)).containsExactly(3L, 5L);
        ObjectNode second = queries.sessionHistory(ACCOUNT, "vc1", "s1", 2, first.get("NextToken").asText());
        assertThat(sequenceNumbers(second)).containsExactly(7L, 8L);
        ObjectNode last = queries.sessionHistory(ACCOUNT, "vc1", "s1", 2, second.get("NextToken").asText());
        assertThat(sequenceNumbers(last)).containsExactly(9L);
        assertThat(last.has("NextToken")).isFalse();
        assertThat(queries.sessionHistory(ACCOUNT, "vc1", "s1", 5, null).has("NextToken")).isFalse();
        assertThat(sequenceNumbers(queries.sessionHistory(ACCOUNT, "vc1", "s1", 1, null))).containsExactly(3L);
    }

    @Test
    void pagingWhileEventsAreAppendedNeverRepeatsOrMissesOne() {
        f.record(connector("vc1", ACCOUNT), owner("req-0"), HistoryStory.T0);
        for (int i = 0; i < 40; i++) {
            f.record(new NumbersAddedEvent("vc1", List.of("+1206555" + (1000 + i)), plus(i)), owner("old-" + i), plus(i));
        }

        List<String> seen = new ArrayList<>();
        String token = null;
        int appended = 0;
        do {
            ObjectNode page = queries.connectorHistory(ACCOUNT, "vc1", 7, token);
            assertThat(page.get("Events").size()).isLessThanOrEqualTo(7);
            page.get("Events").forEach(e -> seen.add(e.get("RequestId").asText()));
            token = page.has("NextToken") ? page.get("NextToken").asText() : null;
            if (appended < 15) {
                for (int i = 0; i < 3; i++, appended++) {
                    f.record(new NumbersAddedEvent("vc1", List.of("+1206556" + (1000 + appended)), plus(100 + appended)),
                            owner("new-" + appended), plus(100 + appended));
                }
            }
        } while (token != null);

        List<String> all = new ArrayList<>();
        all.add("req-0");
        for (int i = 0; i < 40; i++) {
            all.add("old-" + i);
        }
        for (int i = 0; i < appended; i++) {
            all.add("new-" + i);
        }
        assertThat(seen).isEqualTo(all);
    }

    @Test
    void tokensOfAnotherHistoryOrMalformedOnesAreBadRequests() {
        HistoryStory.tell(f);
        String s1Token = queries.sessionHistory(ACCOUNT, "vc1", "s1", 2, null).get("NextToken").asText();
        String vc1Token = queries.connectorHistory(ACCOUNT, "vc1", 2, null).get("NextToken").asText();

        assertBadRequest(() -> queries.sessionHistory(ACCOUNT, "vc1", "s2", 2, s1Token));
        assertBadRequest(() -> queries.sessionHistory(ACCOUNT, "vc1", "s1", 2, vc1Token));
        assertBadRequest(() -> queries.connectorHistory(ACCOUNT, "vc1", 2, s1Token));
        assertBadRequest(() -> queries.sessionHistory(ACCOUNT, "vc1", "s1", 2, "garbage!"));
        assertBadRequest(() -> queries.sessionHistory(ACCOUNT, "vc1", "s1", 2, PageToken.encode("interactions", "s1", 2)));
    }

    @Test
    void aTokenPastTheEndGivesAnEmptyLastPage() {
        HistoryStory.tell(f);
        String far = PageToken.encode(HistoryQueries.SESSION_TOKEN_KIND, "vc1/s1", 1_000_000);

        ObjectNode page = queries.sessionHistory(ACCOUNT, "vc1", "s1", 10, far);

        assertThat(page.get("Events")).isEmpty();
        assertThat(page.has("NextToken")).isFalse();
    }

    @Test
    void deliveringEveryEventTwiceGivesTheSameIndex() {
        HistoryStory.tell(f);
        var once = snapshot();
        List<DomainEventMessage<?>> stored = f.stored();

        f.reset();
        stored.forEach(m -> {
            f.deliver(m);
            f.deliver(m);
        });
        assertThat(snapshot()).isEqualTo(once);

        // A replay that did not reset first changes nothing either.
        stored.forEach(f::deliver);
        assertThat(snapshot()).isEqualTo(once);
        assertThat(sequenceNumbers(sessionHistory(ACCOUNT, "vc1", "s1"))).containsExactly(3L, 5L, 7L, 8L, 9L);
    }

    @Test
    void resetAndReplayRebuildTheSameIndex() {
        HistoryStory.tell(f);
        var before = snapshot();

        f.reset();
        assertThat(storeIsEmpty()).isTrue();
        f.stored().forEach(f::deliver);

        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void aPageReadsAroundTheConnectorsOtherEventsNotThroughThem() {
        f.record(connector("vc1", ACCOUNT), owner("req-1"), HistoryStory.T0);
        f.record(session("vc1", ACCOUNT, "s1", 0, 600, plus(1)), owner("req-2"), plus(1));
        // A busy connector: thousands of other events between the session's own.
        for (int i = 0; i < 3000; i++) {
            Object other = i % 3 == 0
                    ? session("vc1", ACCOUNT, "other-" + i, i + 1, 600, plus(2))
                    : forward("vc1", "other-" + (i - i % 3), "i-" + i, plus(2));
            f.record(other, owner("busy-" + i), plus(2));
        }
        f.record(new ProxySessionUpdatedEvent("vc1", "s1", Set.of(Capability.VOICE), 600, plus(3)), owner("req-3"),
                plus(3));
        for (int i = 0; i < 3000; i++) {
            f.record(forward("vc1", "other-0", "j-" + i, plus(4)), owner("busy"), plus(4));
        }
        f.record(new ProxySessionClosedEvent("vc1", "s1", CloseReason.PROXY_CONFIG_DELETED, plus(5)), owner("req-4"),
                plus(5));
        f.eventsRead.set(0);

        ObjectNode page = sessionHistory(ACCOUNT, "vc1", "s1");

        assertThat(sequenceNumbers(page)).containsExactly(1L, 3002L, 6003L);
        assertThat(f.eventsRead.get()).isLessThanOrEqualTo(3L * (HistoryEvents.MAX_SKIP + 1));

        f.eventsRead.set(0);
        f.sessionAt.get(ACCOUNT, "vc1", "s1", plus(6));
        assertThat(f.eventsRead.get()).isLessThanOrEqualTo(3L * (HistoryEvents.MAX_SKIP + 1));
    }

    @Test
    void eventsCloseTogetherAreReadInOnePass() {
        f.record(connector("vc1", ACCOUNT), owner("req-1"), HistoryStory.T0);
        ProxySessionCreatedEvent created = session("vc1", ACCOUNT, "s1", 0, 600, plus(1));
        f.record(created, owner("req-2"), plus(1));
        for (int i = 0; i < 10; i++) {
            f.record(forward("vc1", "s2", "i-" + i, plus(2)), owner("busy"), plus(2));
            f.record(new ProxySessionUpdatedEvent("vc1", "s1", Set.of(Capability.VOICE), 600 + i, plus(3 + i)),
                    owner("u-" + i), plus(3 + i));
        }
        f.eventsRead.set(0);

        ObjectNode page = sessionHistory(ACCOUNT, "vc1", "s1");

        assertThat(page.get("Events")).hasSize(11);
        // From the first wanted event to the last, each event once.
        assertThat(f.eventsRead.get()).isEqualTo(21);
    }
}
