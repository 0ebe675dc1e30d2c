package io.proxyline.query.interaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.proxyline.api.connector.VoiceConnectorCreatedEvent;
import io.proxyline.api.connector.VoiceConnectorDeletedEvent;
import io.proxyline.api.interaction.InteractionAction;
import io.proxyline.api.interaction.InteractionReason;
import io.proxyline.api.interaction.InteractionRecordedEvent;
import io.proxyline.api.session.Capability;
import io.proxyline.api.session.CloseReason;
import io.proxyline.api.session.ProxySessionClosedEvent;
import io.proxyline.api.session.ProxySessionCreatedEvent;
import io.proxyline.api.session.ProxySessionDeletedEvent;
import io.proxyline.api.wire.AwsErrorCode;
import io.proxyline.api.wire.ProxyRejected;
import io.proxyline.query.InMemoryMongo;
import io.proxyline.query.ProjectionDriver;
import io.proxyline.query.connector.ConnectorReadModel;
import io.proxyline.query.session.SessionReadModel;
import io.proxyline.query.web.PageToken;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What both interactions adapters must do, through the projection and the queries:
 * {@link MongoInteractionProjectionTest} and {@link JdbcInteractionProjectionTest} run it.
 */
abstract class InteractionProjectionContract {
    static final String ACCOUNT = "111122223333";
    private static final String OTHER_ACCOUNT = "444455556666";
    private static final Instant T0 = Instant.parse("2024-03-01T10:00:00Z");
    private static final String RIDER = "+12065550100";
    private static final String DRIVER = "+12065550101";
    private static final String PROXY = "+12065550199";

    @RegisterExtension
    static final InMemoryMongo mongo = new InMemoryMongo();

    private final Map<String, Long> nextOrdinal = new HashMap<>();
    private ProjectionDriver connectors;
    private ProjectionDriver sessions;
    ProjectionDriver interactions;
    InteractionQueries queries;

    /** A store with nothing in it. */
    abstract InteractionStore newStore();

    /** Everything the read models hold, comparable with equals. */
    abstract Object snapshot();

    abstract boolean storeIsEmpty();
    private int seconds;

    @BeforeEach
    void setUp() {
        ConnectorReadModel connectorReadModel = ConnectorReadModel.on(mongo.database());
        SessionReadModel sessionReadModel = SessionReadModel.on(mongo.database(), connectorReadModel.access());
        connectors = new ProjectionDriver(connectorReadModel.projection());
        sessions = new ProjectionDriver(sessionReadModel.projection());
        InteractionStore store = newStore();
        interactions = new ProjectionDriver(new InteractionProjection(store));
        queries = new InteractionQueries(store, sessionReadModel.access());

        connectors.apply(connector("vc1", ACCOUNT));
        connectors.apply(connector("vc2", ACCOUNT));
        connectors.apply(connector("vcX", OTHER_ACCOUNT));
        sessions.apply(session("vc1", "s1"));
        sessions.apply(session("vc1", "s2"));
        sessions.apply(session("vcX", "x1"));
    }

    private static VoiceConnectorCreatedEvent connector(String id, String account) {
        return new VoiceConnectorCreatedEvent(id, account, "conn", "us-east-1", true, null, null, T0);
    }

    private ProxySessionCreatedEvent session(String vc, String id) {
        long ordinal = nextOrdinal.merge(vc, 1L, Long::sum) - 1;
        return new ProxySessionCreatedEvent(vc, account(vc), id, ordinal, List.of(RIDER, DRIVER), PROXY,
                Set.of(Capability.VOICE), 60, null, null, null, null, T0);
    }

    private static String account(String vc) {
        return vc.equals("vcX") ? OTHER_ACCOUNT : ACCOUNT;
    }

    /** A forwarded call from the rider to the driver, one second after the previous interaction. */
    InteractionRecordedEvent forward(String vc, String session, String id) {
        return new InteractionRecordedEvent(vc, account(vc), id, session, Capability.VOICE, RIDER, PROXY,
                InteractionAction.FORWARD, PROXY, DRIVER, null, T0.plusSeconds(++seconds));
    }

    private List<Object> history() {
        seconds = 0;
        List<Object> events = new ArrayList<>();
        events.add(forward("vc1", "s1", "i1"));
        events.add(forward("vc1", "s2", "j1"));
        events.add(new InteractionRecordedEvent("vc1", ACCOUNT, "i2", "s1", Capability.SMS, DRIVER, PROXY,
                InteractionAction.REJECT, null, null, InteractionReason.CAPABILITY_NOT_ALLOWED, T0.plusSeconds(++seconds)));
        events.add(new InteractionRecordedEvent("vc1", ACCOUNT, "n1", null, Capability.VOICE, "+12065550123", PROXY,
                InteractionAction.FALLBACK, PROXY, "+12065550000", InteractionReason.NO_ACTIVE_SESSION,
                T0.plusSeconds(++seconds)));
        events.add(forward("vc1", "s1", "i3"));
        events.add(forward("vcX", "x1", "k1"));
        return events;
    }

    @Test
    void sessionsInteractionsAreListedOldestFirst() {
        interactions.applyAll(history());

        assertThat(ids(queries.list(ACCOUNT, "vc1", "s1", 100, null))).containsExactly("i1", "i2", "i3");
        assertThat(ids(queries.list(ACCOUNT, "vc1", "s2", 100, null))).containsExactly("j1");
        assertThat(ids(queries.list(OTHER_ACCOUNT, "vcX", "x1", 100, null))).containsExactly("k1");
    }

    @Test
    void interactionAnswersTheWireShape() {
        interactions.applyAll(history());

        List<JsonNode> items = new ArrayList<>();
        queries.list(ACCOUNT, "vc1", "s1", 100, null).get("Interactions").forEach(items::add);

        JsonNode forwarded = items.get(0);
        assertThat(fieldNames(forwarded)).containsExactly("InteractionId", "ProxySessionId", "Type", "FromPhoneNumber",
                "ToPhoneNumber", "Action", "ForwardFrom", "ForwardTo", "CreatedTimestamp");
        assertThat(forwarded.get("InteractionId").asText()).isEqualTo("i1");
        assertThat(forwarded.get("ProxySessionId").asText()).isEqualTo("s1");
        assertThat(forwarded.get("Type").asText()).isEqualTo("Voice");
        assertThat(forwarded.get("FromPhoneNumber").asText()).isEqualTo(RIDER);
        assertThat(forwarded.get("ToPhoneNumber").asText()).isEqualTo(PROXY);
        assertThat(forwarded.get("Action").asText()).isEqualTo("Forward");
        assertThat(forwarded.get("ForwardFrom").asText()).isEqualTo(PROXY);
        assertThat(forwarded.get("ForwardTo").asText()).isEqualTo(DRIVER);
        assertThat(forwarded.get("CreatedTimestamp").asText()).isEqualTo("2024-03-01T10:00:01.000Z");

        JsonNode rejected = items.get(1);
        assertThat(fieldNames(rejected)).containsExactly("InteractionId", "ProxySessionId", "Type", "FromPhoneNumber",
                "ToPhoneNumber", "Action", "Reason", "CreatedTimestamp");
        assertThat(rejected.get("Type").asText()).isEqualTo("SMS");
        assertThat(rejected.get("Action").asText()).isEqualTo("Reject");
        assertThat(rejected.get("Reason").asText()).isEqualTo("CapabilityNotAllowed");
        assertThat(rejected.get("CreatedTimestamp").asText()).isEqualTo("2024-03-01T10:00:03.000Z");
    }

    @Test
    void interactionsWithoutASessionAreNotKept() {
        interactions.apply(new InteractionRecordedEvent("vc1", ACCOUNT, "n1", null, Capability.VOICE, RIDER, PROXY,
                InteractionAction.REJECT, null, null, InteractionReason.NO_ACTIVE_SESSION, T0));

        assertThat(storeIsEmpty()).isTrue();
    }

    @Test
    void applyingEveryEventTwiceGivesTheSameReadModel() {
        List<Object> history = history();
        interactions.applyAll(history);
        var once = snapshot();

        interactions.reset();
        history.forEach(e -> {
            interactions.apply(e);
            interactions.apply(e);
        });
        assertThat(snapshot()).isEqualTo(once);

        interactions.applyAll(history);
        assertThat(snapshot()).isEqualTo(once);
        assertThat(ids(queries.list(ACCOUNT, "vc1", "s1", 100, null))).containsExactly("i1", "i2", "i3");
    }

    @Test
    void resetAndReplayRebuildTheSameReadModel() {
        List<Object> history = history();
        interactions.applyAll(history);
        var before = snapshot();

        interactions.reset();
        assertThat(storeIsEmpty()).isTrue();
        interactions.applyAll(history);

        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void closedSessionsInteractionsStayReadable() {
        interactions.applyAll(history());
        sessions.apply(new ProxySessionClosedEvent("vc1", "s1", CloseReason.EXPIRED, T0.plusSeconds(3600)));

        assertThat(ids(queries.list(ACCOUNT, "vc1", "s1", 100, null))).containsExactly("i1", "i2", "i3");
    }

    @Test
    void deletedSessionsInteractionsAreNotFound() {
        interactions.applyAll(history());
        sessions.apply(new ProxySessionDeletedEvent("vc1", "s1", T0.plusSeconds(60)));

        assertNotFound(() -> queries.list(ACCOUNT, "vc1", "s1", 100, null));
        assertThat(ids(queries.list(ACCOUNT, "vc1", "s2", 100, null))).containsExactly("j1");
    }

    @Test
    void deletedConnectorsInteractionsAreNotFound() {
        interactions.applyAll(history());
        connectors.apply(new VoiceConnectorDeletedEvent("vc1", ACCOUNT, T0.plusSeconds(60)));

        assertNotFound(() -> queries.list(ACCOUNT, "vc1", "s1", 100, null));
    }

    @Test
    void unknownConnectorOrSessionIsNotFound() {
        interactions.applyAll(history());

        assertNotFound(() -> queries.list(ACCOUNT, "vc-unknown", "s1", 100, null));
        assertNotFound(() -> queries.list(ACCOUNT, "vc1", "s-unknown", 100, null));
    }

    @Test
    void sessionIsOnlyFoundUnderItsOwnConnector() {
        interactions.applyAll(history());

        assertNotFound(() -> queries.list(ACCOUNT, "vc2", "s1", 100, null));
    }

    @Test
    void anotherAccountsInteractionsAreNotFound() {
        interactions.applyAll(history());

        assertNotFound(() -> queries.list(ACCOUNT, "vcX", "x1", 100, null));
        // Nor through a connector of one's own.
        assertNotFound(() -> queries.list(ACCOUNT, "vc1", "x1", 100, null));
        assertNotFound(() -> queries.list(OTHER_ACCOUNT, "vc1", "s1", 100, null));
    }

    @Test
    void interactionRecordedUnderAnotherConnectorIsNotListed() {
        // Never emitted by the command side; the list must not trust the session id alone.
        interactions.apply(forward("vc1", "s1", "i1"));
        interactions.apply(forward("vcX", "s1", "forged"));

        assertThat(ids(queries.list(ACCOUNT, "vc1", "s1", 100, null))).containsExactly("i1");
    }

    @Test
    void pagingWhileInteractionsAreAppendedNeverRepeatsOrMissesOne() {
        List<String> existing = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            interactions.apply(forward("vc1", "s1", "old-" + i));
            existing.add("old-" + i);
        }

        List<String> seen = new ArrayList<>();
        String token = null;
        int appended = 0;
        do {
            ObjectNode page = queries.list(ACCOUNT, "vc1", "s1", 7, token);
            assertThat(page.get("Interactions").size()).isLessThanOrEqualTo(7);
            seen.addAll(ids(page));
            token = page.has("NextToken") ? page.get("NextToken").asText() : null;
            if (appended < 60) {
                for (int i = 0; i < 3; i++) {
                    interactions.apply(forward("vc1", "s1", "new-" + appended++));
                }
            }
        } while (token != null);

        assertThat(seen).doesNotHaveDuplicates();
        assertThat(seen.subList(0, existing.size())).isEqualTo(existing);
        List<String> all = new ArrayList<>(existing);
        for (int i = 0; i < appended; i++) {
            all.add("new-" + i);
        }
        // A client that pages to the end sees everything appended before its last page.
        assertThat(seen).isEqualTo(all);
    }

    @Test
    void lastPageHasNoNextToken() {
        for (int i = 0; i < 4; i++) {
            interactions.apply(forward("vc1", "s1", "i" + i));
        }

        ObjectNode first = queries.list(ACCOUNT, "vc1", "s1", 2, null);
        assertThat(ids(first)).containsExactly("i0", "i1");
        ObjectNode last = queries.list(ACCOUNT, "vc1", "s1", 2, first.get("NextToken").asText());
        assertThat(ids(last)).containsExactly("i2", "i3");
        assertThat(last.has("NextToken")).isFalse();
        assertThat(queries.list(ACCOUNT, "vc1", "s1", 4, null).has("NextToken")).isFalse();
    }

    @Test
    void sessionWithoutInteractionsListsNothing() {
        ObjectNode page = queries.list(ACCOUNT, "vc1", "s1", 100, null);

        assertThat(page.get("Interactions")).isEmpty();
        assertThat(page.has("NextToken")).isFalse();
    }

    @Test
    void malformedOrForeignTokensAreBadRequests() {
        for (int i = 0; i < 5; i++) {
            interactions.apply(forward("vc1", "s2", "j" + i));
        }
        String s2Token = queries.list(ACCOUNT, "vc1", "s2", 2, null).get("NextToken").asText();

        assertBadRequest(() -> queries.list(ACCOUNT, "vc1", "s1", 2, s2Token));
        assertBadRequest(() -> queries.list(ACCOUNT, "vc1", "s2", 2, "garbage!"));
        assertBadRequest(() -> queries.list(ACCOUNT, "vc1", "s2", 2, PageToken.encode("proxy-sessions", "vc1", 2)));
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    static List<String> ids(ObjectNode page) {
        List<String> ids = new ArrayList<>();
        page.get("Interactions").forEach(i -> ids.add(i.get("InteractionId").asText()));
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
