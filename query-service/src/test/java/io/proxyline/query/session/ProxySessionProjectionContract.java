package io.proxyline.query.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.proxyline.api.connector.VoiceConnectorCreatedEvent;
import io.proxyline.api.connector.VoiceConnectorDeletedEvent;
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
import io.proxyline.api.wire.AwsErrorCode;
import io.proxyline.api.wire.ProxyRejected;
import io.proxyline.query.InMemoryMongo;
import io.proxyline.query.MutableClock;
import io.proxyline.query.ProjectionDriver;
import io.proxyline.query.connector.ConnectorReadModel;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What both proxy-sessions adapters must do, through the projection and the queries:
 * {@link MongoProxySessionProjectionTest} and {@link JdbcProxySessionProjectionTest} run it.
 */
abstract class ProxySessionProjectionContract {
    private static final String ACCOUNT = "111122223333";
    private static final String OTHER_ACCOUNT = "444455556666";
    private static final Instant T0 = Instant.parse("2024-03-01T10:00:00Z");

    @RegisterExtension
    static final InMemoryMongo mongo = new InMemoryMongo();

    private final MutableClock clock = new MutableClock(T0);
    private final Map<String, Long> nextOrdinal = new HashMap<>();
    private ProjectionDriver sessions;
    private ProjectionDriver connectors;
    private ProxySessionQueries queries;
    private ProxySessionStore store;

    /** A store with nothing in it. */
    abstract ProxySessionStore newStore();

    /** Everything the store holds, comparable with equals. */
    abstract Object snapshot();

    abstract boolean storeIsEmpty();

    @BeforeEach
    void setUp() {
        ConnectorReadModel connectorReadModel = ConnectorReadModel.on(mongo.database());
        connectors = new ProjectionDriver(connectorReadModel.projection());
        store = newStore();
        sessions = new ProjectionDriver(new ProxySessionProjection(store));
        queries = new ProxySessionQueries(store, connectorReadModel.access(), clock);
        connectors.apply(connector("vc1", ACCOUNT));
        connectors.apply(connector("vc2", ACCOUNT));
        connectors.apply(connector("vcX", OTHER_ACCOUNT));
    }

    private static VoiceConnectorCreatedEvent connector(String id, String account) {
        return new VoiceConnectorCreatedEvent(id, account, "conn", "us-east-1", true, null, null, T0);
    }

    /** A session on {@code vc} with the connector's next ordinal, created at the clock's now. */
    private ProxySessionCreatedEvent session(String vc, String id, int expiryMinutes) {
        long ordinal = nextOrdinal.merge(vc, 1L, Long::sum) - 1;
        String account = vc.equals("vcX") ? OTHER_ACCOUNT : ACCOUNT;
        return new ProxySessionCreatedEvent(vc, account, id, ordinal, List.of("+12065550100", "+12065550101"),
                "+12065550199", Set.of(Capability.SMS, Capability.VOICE), expiryMinutes, "ride-" + id,
                NumberSelectionBehavior.PREFER_STICKY, null, null, clock.instant());
    }

    private List<Object> history() {
        clock.set(T0);
        nextOrdinal.clear();
        List<Object> events = new ArrayList<>();
        events.add(session("vc1", "s1", 60));
        events.add(new ProxySessionCreatedEvent("vc1", ACCOUNT, "s2", nextOrdinal.merge("vc1", 1L, Long::sum) - 1,
                List.of("+442071838750", "+442071838751"), "+442071838799", Set.of(Capability.VOICE), 30, null,
                NumberSelectionBehavior.AVOID_STICKY, GeoMatchLevel.AREA_CODE, new GeoMatchParams("GB", "207"), T0));
        events.add(session("vc1", "s3", 10));
        events.add(session("vcX", "x1", 60));
        events.add(new ProxySessionUpdatedEvent("vc1", "s1", Set.of(Capability.VOICE), 120, T0.plusSeconds(300)));
        events.add(new ProxySessionInProgressEvent("vc1", "s2", "i2", T0.plusSeconds(350)));
        events.add(new ProxySessionInProgressEvent("vc1", "s3", "i3", T0.plusSeconds(360)));
        events.add(new ProxySessionClosedEvent("vc1", "s2", CloseReason.PROXY_CONFIG_DELETED, T0.plusSeconds(400)));
        events.add(new ProxySessionDeletedEvent("vc1", "s3", T0.plusSeconds(500)));
        events.add(new ProxySessionInProgressEvent("vcX", "x1", "ix", T0.plusSeconds(550)));
        return events;
    }

    @Test
    void applyingEveryEventTwiceGivesTheSameReadModel() {
        List<Object> history = history();
        sessions.applyAll(history);
        var once = snapshot();

        sessions.reset();
        history.forEach(e -> {
            sessions.apply(e);
            sessions.apply(e);
        });
        assertThat(snapshot()).isEqualTo(once);

        sessions.applyAll(history);
        assertThat(snapshot()).isEqualTo(once);
    }

    @Test
    void resetAndReplayRebuildTheSameReadModel() {
        List<Object> history = history();
        sessions.applyAll(history);
        var before = snapshot();

        sessions.reset();
        assertThat(storeIsEmpty()).isTrue();
        sessions.applyAll(history);

        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void getProxySessionAnswersTheWireShape() {
        sessions.applyAll(history());
        clock.set(T0.plusSeconds(600));

        JsonNode s1 = queries.get(ACCOUNT, "vc1", "s1").get("ProxySession");

        assertThat(s1.get("VoiceConnectorId").asText()).isEqualTo("vc1");
        assertThat(s1.get("ProxySessionId").asText()).isEqualTo("s1");
        assertThat(s1.get("Name").asText()).isEqualTo("ride-s1");
        assertThat(s1.get("Status").asText()).isEqualTo("Open");
        assertThat(s1.get("ExpiryMinutes").intValue()).isEqualTo(120);
        assertThat(s1.get("Capabilities")).extracting(JsonNode::asText).containsExactly("Voice");
        assertThat(s1.get("CreatedTimestamp").asText()).isEqualTo("2024-03-01T10:00:00.000Z");
        assertThat(s1.get("UpdatedTimestamp").asText()).isEqualTo("2024-03-01T10:05:00.000Z");
        assertThat(s1.has("EndedTimestamp")).isFalse();
        assertThat(s1.get("Participants")).hasSize(2);
        assertThat(s1.get("Participants").get(0).get("PhoneNumber").asText()).isEqualTo("+12065550100");
        assertThat(s1.get("Participants").get(0).get("ProxyPhoneNumber").asText()).isEqualTo("+12065550199");
        assertThat(s1.get("Participants").get(1).get("PhoneNumber").asText()).isEqualTo("+12065550101");
        assertThat(s1.get("Participants").get(1).get("ProxyPhoneNumber").asText()).isEqualTo("+12065550199");
        assertThat(s1.get("NumberSelectionBehavior").asText()).isEqualTo("PreferSticky");
        assertThat(s1.has("GeoMatchLevel")).isFalse();
        assertThat(s1.has("GeoMatchParams")).isFalse();

        JsonNode s2 = queries.get(ACCOUNT, "vc1", "s2").get("ProxySession");
        assertThat(s2.has("Name")).isFalse();
        assertThat(s2.get("Status").asText()).isEqualTo("Closed");
        assertThat(s2.get("EndedTimestamp").asText()).isEqualTo("2024-03-01T10:06:40.000Z");
        assertThat(s2.get("NumberSelectionBehavior").asText()).isEqualTo("AvoidSticky");
        assertThat(s2.get("GeoMatchLevel").asText()).isEqualTo("AreaCode");
        assertThat(s2.get("GeoMatchParams").get("Country").asText()).isEqualTo("GB");
        assertThat(s2.get("GeoMatchParams").get("AreaCode").asText()).isEqualTo("207");
    }

    @Test
    void sessionIsClosedFromItsExpiryInstantEvenBeforeTheClosingIsRecorded() {
        sessions.apply(session("vc1", "s1", 10));
        Instant expiry = T0.plus(Duration.ofMinutes(10));

        clock.set(expiry.minusMillis(1));
        assertThat(status(queries.get(ACCOUNT, "vc1", "s1"))).isEqualTo("Open");
        assertThat(ids(queries.list(ACCOUNT, "vc1", "Open", 100, null))).containsExactly("s1");

        clock.set(expiry);
        JsonNode expired = queries.get(ACCOUNT, "vc1", "s1").get("ProxySession");
        assertThat(expired.get("Status").asText()).isEqualTo("Closed");
        assertThat(expired.get("EndedTimestamp").asText()).isEqualTo("2024-03-01T10:10:00.000Z");
        assertThat(ids(queries.list(ACCOUNT, "vc1", "Open", 100, null))).isEmpty();
        assertThat(ids(queries.list(ACCOUNT, "vc1", "Closed", 100, null))).containsExactly("s1");

        // When the command side records the closing, nothing a reader sees changes.
        ObjectNode before = queries.get(ACCOUNT, "vc1", "s1");
        sessions.apply(new ProxySessionClosedEvent("vc1", "s1", CloseReason.EXPIRED, expiry));
        assertThat(queries.get(ACCOUNT, "vc1", "s1")).isEqualTo(before);
    }

    @Test
    void firstForwardedInteractionMovesTheSessionToInProgress() {
        sessions.apply(session("vc1", "s1", 60));
        sessions.apply(new ProxySessionInProgressEvent("vc1", "s1", "i1", T0.plusSeconds(90)));
        clock.set(T0.plusSeconds(120));

        JsonNode s1 = queries.get(ACCOUNT, "vc1", "s1").get("ProxySession");
        assertThat(s1.get("Status").asText()).isEqualTo("InProgress");
        assertThat(s1.get("UpdatedTimestamp").asText()).isEqualTo("2024-03-01T10:01:30.000Z");
        assertThat(s1.get("CreatedTimestamp").asText()).isEqualTo("2024-03-01T10:00:00.000Z");
        assertThat(s1.has("EndedTimestamp")).isFalse();
        assertThat(statuses(queries.list(ACCOUNT, "vc1", null, 100, null))).containsExactly("InProgress");
    }

    @Test
    void statusFilterSeparatesOpenInProgressAndClosed() {
        for (String id : List.of("a", "b", "c", "d", "e")) {
            sessions.apply(session("vc1", id, 60));
        }
        sessions.apply(new ProxySessionInProgressEvent("vc1", "b", "i1", T0.plusSeconds(10)));
        sessions.apply(new ProxySessionInProgressEvent("vc1", "d", "i2", T0.plusSeconds(20)));
        sessions.apply(new ProxySessionClosedEvent("vc1", "d", CloseReason.PROXY_CONFIG_DELETED, T0.plusSeconds(30)));
        sessions.apply(new ProxySessionClosedEvent("vc1", "e", CloseReason.PROXY_CONFIG_DELETED, T0.plusSeconds(30)));
        sessions.apply(new ProxySessionInProgressEvent("vc1", "c", "i3", T0.plusSeconds(40)));

        assertThat(ids(queries.list(ACCOUNT, "vc1", "InProgress", 100, null))).containsExactly("b", "c");
        assertThat(ids(queries.list(ACCOUNT, "vc1", "Open", 100, null))).containsExactly("a");
        assertThat(ids(queries.list(ACCOUNT, "vc1", "Closed", 100, null))).containsExactly("d", "e");
        assertThat(ids(queries.list(ACCOUNT, "vc1", null, 100, null))).containsExactly("a", "b", "c", "d", "e");
        assertThat(walk("InProgress", 1)).containsExactly("b", "c");
    }

    @Test
    void sessionsMovingToInProgressWhilePagingAreListedOnceUnfiltered() {
        for (int i = 0; i < 30; i++) {
            sessions.apply(session("vc1", "s" + i, 60));
        }
        List<String> seen = new ArrayList<>();
        String token = null;
        int moved = 0;
        do {
            ObjectNode page = queries.list(ACCOUNT, "vc1", null, 4, token);
            seen.addAll(ids(page));
            token = page.has("NextToken") ? page.get("NextToken").asText() : null;
            // Moves sessions on both sides of the page boundary.
            for (int i = 0; i < 3 && moved < 30; i++, moved++) {
                sessions.apply(new ProxySessionInProgressEvent("vc1", "s" + (29 - moved), "i" + moved, T0));
            }
        } while (token != null);

        assertThat(seen).hasSize(30).doesNotHaveDuplicates();
    }

    @Test
    void inProgressNeverReopensAClosedSessionNorRevivesADeletedOne() {
        sessions.apply(session("vc1", "closed", 60));
        sessions.apply(session("vc1", "deleted", 60));
        sessions.apply(new ProxySessionClosedEvent("vc1", "closed", CloseReason.PROXY_CONFIG_DELETED, T0.plusSeconds(10)));
        sessions.apply(new ProxySessionDeletedEvent("vc1", "deleted", T0.plusSeconds(10)));
        var before = snapshot();

        sessions.apply(new ProxySessionInProgressEvent("vc1", "closed", "i1", T0.plusSeconds(20)));
        sessions.apply(new ProxySessionInProgressEvent("vc1", "deleted", "i2", T0.plusSeconds(20)));
        sessions.apply(new ProxySessionInProgressEvent("vc1", "unknown", "i3", T0.plusSeconds(20)));

        assertThat(snapshot()).isEqualTo(before);
        JsonNode closed = queries.get(ACCOUNT, "vc1", "closed").get("ProxySession");
        assertThat(closed.get("Status").asText()).isEqualTo("Closed");
        assertThat(closed.get("UpdatedTimestamp").asText()).isEqualTo("2024-03-01T10:00:00.000Z");
        assertNotFound(() -> queries.get(ACCOUNT, "vc1", "deleted"));
        assertNotFound(() -> queries.get(ACCOUNT, "vc1", "unknown"));
        assertThat(ids(queries.list(ACCOUNT, "vc1", "InProgress", 100, null))).isEmpty();
    }

    @Test
    void redeliveredInProgressLeavesALaterUpdateInPlace() {
        sessions.apply(session("vc1", "s1", 60));
        ProxySessionInProgressEvent inProgress = new ProxySessionInProgressEvent("vc1", "s1", "i1", T0.plusSeconds(60));
        sessions.apply(inProgress);
        sessions.apply(new ProxySessionUpdatedEvent("vc1", "s1", Set.of(Capability.SMS), 90, T0.plusSeconds(120)));
        var before = snapshot();

        sessions.apply(inProgress);

        assertThat(snapshot()).isEqualTo(before);
        JsonNode s1 = queries.get(ACCOUNT, "vc1", "s1").get("ProxySession");
        assertThat(s1.get("Status").asText()).isEqualTo("InProgress");
        assertThat(s1.get("UpdatedTimestamp").asText()).isEqualTo("2024-03-01T10:02:00.000Z");
    }

    @Test
    void inProgressSessionIsClosedFromItsExpiryInstant() {
        sessions.apply(session("vc1", "s1", 10));
        sessions.apply(new ProxySessionInProgressEvent("vc1", "s1", "i1", T0.plusSeconds(60)));
        Instant expiry = T0.plus(Duration.ofMinutes(10));

        clock.set(expiry.minusMillis(1));
        assertThat(status(queries.get(ACCOUNT, "vc1", "s1"))).isEqualTo("InProgress");
        assertThat(ids(queries.list(ACCOUNT, "vc1", "InProgress", 100, null))).containsExactly("s1");
        assertThat(ids(queries.list(ACCOUNT, "vc1", "Closed", 100, null))).isEmpty();

        clock.set(expiry);
        JsonNode expired = queries.get(ACCOUNT, "vc1", "s1").get("ProxySession");
        assertThat(expired.get("Status").asText()).isEqualTo("Closed");
        assertThat(expired.get("EndedTimestamp").asText()).isEqualTo("2024-03-01T10:10:00.000Z");
        assertThat(ids(queries.list(ACCOUNT, "vc1", "InProgress", 100, null))).isEmpty();
        assertThat(ids(queries.list(ACCOUNT, "vc1", "Open", 100, null))).isEmpty();
        ObjectNode closed = queries.list(ACCOUNT, "vc1", "Closed", 100, null);
        assertThat(ids(closed)).containsExactly("s1");
        assertThat(closed.get("ProxySessions").get(0).get("EndedTimestamp").asText()).isEqualTo("2024-03-01T10:10:00.000Z");
        assertThat(statuses(queries.list(ACCOUNT, "vc1", null, 100, null))).containsExactly("Closed");
    }

    @Test
    void updatedExpiryCountsFromCreation() {
        sessions.apply(session("vc1", "s1", 10));
        sessions.apply(new ProxySessionUpdatedEvent("vc1", "s1", Set.of(Capability.SMS), 30, T0.plusSeconds(60)));

        clock.set(T0.plus(Duration.ofMinutes(29)));
        assertThat(status(queries.get(ACCOUNT, "vc1", "s1"))).isEqualTo("Open");

        clock.set(T0.plus(Duration.ofMinutes(30)));
        JsonNode expired = queries.get(ACCOUNT, "vc1", "s1").get("ProxySession");
        assertThat(expired.get("Status").asText()).isEqualTo("Closed");
        assertThat(expired.get("EndedTimestamp").asText()).isEqualTo("2024-03-01T10:30:00.000Z");
    }

    @Test
    void closedSessionStaysGettableAndInTheUnfilteredList() {
        sessions.applyAll(history());

        assertThat(status(queries.get(ACCOUNT, "vc1", "s2"))).isEqualTo("Closed");
        assertThat(ids(queries.list(ACCOUNT, "vc1", null, 100, null))).containsExactly("s1", "s2");
        assertThat(ids(queries.list(ACCOUNT, "vc1", "Closed", 100, null))).containsExactly("s2");
        assertThat(ids(queries.list(ACCOUNT, "vc1", "Open", 100, null))).containsExactly("s1");
        assertThat(ids(queries.list(ACCOUNT, "vc1", "InProgress", 100, null))).isEmpty();
    }

    @Test
    void deletedSessionIsNotFoundAndNotListed() {
        sessions.applyAll(history());

        assertNotFound(() -> queries.get(ACCOUNT, "vc1", "s3"));
        assertThat(ids(queries.list(ACCOUNT, "vc1", null, 100, null))).doesNotContain("s3");
    }

    @Test
    void anotherAccountsSessionsAreNotFoundAndNotListed() {
        sessions.applyAll(history());

        assertNotFound(() -> queries.get(ACCOUNT, "vcX", "x1"));
        assertNotFound(() -> queries.list(ACCOUNT, "vcX", null, 100, null));
        // Nor through a connector of one's own.
        assertNotFound(() -> queries.get(ACCOUNT, "vc1", "x1"));
        assertThat(ids(queries.list(OTHER_ACCOUNT, "vcX", null, 100, null))).containsExactly("x1");
    }

    @Test
    void sessionIsOnlyFoundUnderItsOwnConnector() {
        sessions.applyAll(history());

        assertNotFound(() -> queries.get(ACCOUNT, "vc2", "s1"));
        assertThat(ids(queries.list(ACCOUNT, "vc2", null, 100, null))).isEmpty();
    }

    @Test
    void deletedConnectorsSessionsAreNotFound() {
        sessions.applyAll(history());
        connectors.apply(new VoiceConnectorDeletedEvent("vc1", ACCOUNT, T0.plusSeconds(900)));

        assertNotFound(() -> queries.get(ACCOUNT, "vc1", "s1"));
        assertNotFound(() -> queries.list(ACCOUNT, "vc1", null, 100, null));
    }

    @Test
    void pagingWhileSessionsAreCreatedNeverRepeatsOrMissesOne() {
        List<String> existing = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            sessions.apply(session("vc1", "old-" + i, 60));
            existing.add("old-" + i);
        }
        // Deletions while paging must not shift anything either.
        sessions.apply(new ProxySessionDeletedEvent("vc1", "old-42", T0));
        existing.remove("old-42");

        List<String> seen = new ArrayList<>();
        String token = null;
        int created = 0;
        do {
            ObjectNode page = queries.list(ACCOUNT, "vc1", null, 7, token);
            assertThat(page.get("ProxySessions").size()).isLessThanOrEqualTo(7);
            seen.addAll(ids(page));
            token = page.has("NextToken") ? page.get("NextToken").asText() : null;
            if (created < 60) {
                for (int i = 0; i < 3; i++) {
                    sessions.apply(session("vc1", "new-" + created++, 60));
                }
            }
        } while (token != null);

        assertThat(seen).doesNotHaveDuplicates();
        assertThat(seen).containsAll(existing);
        assertThat(seen.subList(0, existing.size())).isEqualTo(existing);
    }

    @Test
    void statusFilterExaminesABoundedWindowPerPage() {
        for (int i = 0; i < 1000; i++) {
            sessions.apply(session("vc1", "s" + i, 60));
            if (i != 999) {
                sessions.apply(new ProxySessionClosedEvent("vc1", "s" + i, CloseReason.PROXY_CONFIG_DELETED, T0));
            }
        }

        List<Integer> pageSizes = new ArrayList<>();
        List<String> open = new ArrayList<>();
        String token = null;
        do {
            ObjectNode page = queries.list(ACCOUNT, "vc1", "Open", 100, token);
            pageSizes.add(page.get("ProxySessions").size());
            open.addAll(ids(page));
            token = page.has("NextToken") ? page.get("NextToken").asText() : null;
        } while (token != null);

        assertThat(open).containsExactly("s999");
        // 1000 entries, at most 400 examined per request: two short pages, then the match.
        assertThat(pageSizes).containsExactly(0, 0, 1);
    }

    @Test
    void maxResultsOneWalksTheWholeList() {
        for (int i = 0; i < 5; i++) {
            sessions.apply(session("vc1", "s" + i, 60));
        }
        List<String> seen = new ArrayList<>();
        String token = null;
        do {
            ObjectNode page = queries.list(ACCOUNT, "vc1", null, 1, token);
            seen.addAll(ids(page));
            token = page.has("NextToken") ? page.get("NextToken").asText() : null;
        } while (token != null);

        assertThat(seen).containsExactly("s0", "s1", "s2", "s3", "s4");
    }

    @Test
    void emptyConnectorListsNothing() {
        ObjectNode page = queries.list(ACCOUNT, "vc1", null, 100, null);

        assertThat(page.get("ProxySessions")).isEmpty();
        assertThat(page.has("NextToken")).isFalse();
    }

    @Test
    void malformedOrForeignTokensAreBadRequests() {
        for (int i = 0; i < 5; i++) {
            sessions.apply(session("vc2", "t" + i, 60));
        }
        String vc2Token = queries.list(ACCOUNT, "vc2", null, 2, null).get("NextToken").asText();

        assertBadRequest(() -> queries.list(ACCOUNT, "vc1", null, 2, vc2Token));
        assertBadRequest(() -> queries.list(ACCOUNT, "vc2", null, 2, "garbage!"));
        assertBadRequest(() -> queries.list(ACCOUNT, "vc2", null, 2, "*" + vc2Token));
    }

    @Test
    void sessionCountIsTheHighestOrdinalPlusOne() {
        sessions.applyAll(history());
        Function<String, Long> count = store::count;
        assertThat(count.apply("vc1")).isEqualTo(3);
        assertThat(count.apply("vcX")).isEqualTo(1);
        assertThat(new LinkedHashSet<>(ids(queries.list(ACCOUNT, "vc1", null, 100, null)))).containsExactly("s1", "s2");
    }

    /** Every page of a listing, walked with {@code maxResults} per page. */
    private List<String> walk(String status, int maxResults) {
        List<String> seen = new ArrayList<>();
        String token = null;
        do {
            ObjectNode page = queries.list(ACCOUNT, "vc1", status, maxResults, token);
            seen.addAll(ids(page));
            token = page.has("NextToken") ? page.get("NextToken").asText() : null;
        } while (token != null);
        return seen;
    }

    private static List<String> statuses(ObjectNode page) {
        List<String> statuses = new ArrayList<>();
        page.get("ProxySessions").forEach(s -> statuses.add(s.get("Status").asText()));
        return statuses;
    }

    private static String status(ObjectNode get) {
        return get.get("ProxySession").get("Status").asText();
    }

    private static List<String> ids(ObjectNode page) {
        List<String> ids = new ArrayList<>();
        page.get("ProxySessions").forEach(s -> ids.add(s.get("ProxySessionId").asText()));
        return ids;
    }

    private static void assertNotFound(Runnable query) {
        assertThatThrownBy(query::run)
                .isInstanceOfSatisfying(ProxyRejected.class, e -> assertThat(e.code()).isEqualTo(AwsErrorCode.NOT_FOUND));
    }

    private static void assertBadRequest(Runnable query) {
        assertThatThrownBy(query::run)
                .isInstanceOfSatisfying(ProxyRejected.class, e -> assertThat(e.code()).isEqualTo(AwsErrorCode.BAD_REQUEST));
    }
}
