package io.proxyline.query.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Sorts;
import io.proxyline.api.interaction.InteractionRecordedEvent;
import io.proxyline.query.ProcessingGroups;
import io.proxyline.query.QueryServiceApplication;
import io.proxyline.store.ReadModelDatabase;
import io.proxyline.testing.SignedHttp;
import io.proxyline.testing.TestCredentials;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The {@code projections} endpoint on the real query-service: its event processors, the JDBC event
 * store on H2 and the read models on the embedded MongoDB-wire server, called with signed HTTP.
 * The first account is an operator, the second is not.
 */
@SpringBootTest(
        classes = {QueryServiceApplication.class, ProjectionReplayTest.Gates.class},
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            TestCredentials.ACCESS_KEY_PROPERTY, TestCredentials.SECRET_PROPERTY, TestCredentials.ACCOUNT_PROPERTY,
            TestCredentials.OTHER_ACCESS_KEY_PROPERTY, TestCredentials.OTHER_SECRET_PROPERTY,
            TestCredentials.OTHER_ACCOUNT_PROPERTY,
            "proxyline.admin.account-ids=" + TestCredentials.ACCOUNT_ID,
            "management.endpoints.web.exposure.include=health,projections",
            "proxyline.embedded.backend=memory",
            "proxyline.event-store.compact-on-shutdown=false",
            // Small batches, so a replay commits progress before the gate below holds it.
            "proxyline.event-store.processor-batch-size=5",
            "proxyline.rate-limit.enabled=false",
            "proxyline.query.consistency-timeout=1500ms"
        })
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@DirtiesContext
class ProjectionReplayTest {
    private static final String TOKENS = "trackingtokens";
    private static final String STALE = "written-before-the-replay";
    private static final Duration REPLAY_TIMEOUT = Duration.ofSeconds(30);
    /**
     * Long enough that a read which catches up is clearly quicker than one that waits it out, even
     * on a loaded 2-core CI machine (a 500 ms bound was exceeded once by a plain read under load).
     */
    private static final Duration CONSISTENCY_TIMEOUT = Duration.ofMillis(1500);
    private static final String SB1_INTERACTIONS = "/voice-connectors/vc-b1/proxy-sessions/sb1/interactions";

    @LocalServerPort
    int port;

    @Autowired
    EventStore eventStore;

    @Autowired
    MongoDatabase database;

    /** Standalone keeps the proxy-sessions read model as SQL rows (ReadModelDatabase). */
    @Autowired
    ReadModelDatabase sql;

    @Autowired
    InteractionGate gate;

    private SignedHttp operator;
    private SignedHttp tenant;
    private int published;

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) throws IOException {
        String dir = Files.createTempDirectory("proxyline-replay").toString();
        registry.add("proxyline.data-dir", () -> dir);
    }

    /** Joins the interactions processor and, when armed, holds it at one event. */
    @ProcessingGroup(ProcessingGroups.INTERACTIONS)
    static class InteractionGate {
        private volatile String holdAt;
        private volatile CountDownLatch reached = new CountDownLatch(1);
        private volatile CountDownLatch release = new CountDownLatch(0);

        void arm(String interactionId) {
            reached = new CountDownLatch(1);
            release = new CountDownLatch(1);
            holdAt = interactionId;
        }

        void open() {
            holdAt = null;
            release.countDown();
        }

        boolean awaitHeld() throws InterruptedException {
            return reached.await(REPLAY_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        }

        @EventHandler
        void on(InteractionRecordedEvent e) throws InterruptedException {
            if (e.interactionId().equals(holdAt)) {
                reached.countDown();
                release.await(REPLAY_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            }
        }
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class Gates {
        @Bean
        InteractionGate interactionGate() {
            return new InteractionGate();
        }
    }

    @BeforeAll
    void publishHistory() {
        URI endpoint = URI.create("http://127.0.0.1:" + port);
        operator = SignedHttp.to(endpoint);
        tenant = SignedHttp.to(endpoint).as(TestCredentials.OTHER_ACCESS_KEY_ID, TestCredentials.OTHER_SECRET_ACCESS_KEY);
        List<DomainEventMessage<?>> history = ProjectionHistory.events();
        history.forEach(event -> eventStore.publish(event));
        published = history.size();
        awaitAllCaughtUp();
    }

    @AfterEach
    void openGate() {
        gate.open();
    }

    @Test
    void listsEveryProjectionWithItsPositionAndLag() {
        SignedHttp.Response response = operator.get("/actuator/projections");

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        JsonNode body = response.json();
        assertThat(body.path("head").asLong()).isEqualTo(published);
        List<String> groups = new ArrayList<>();
        for (JsonNode projection : body.path("projections")) {
            projection.path("processingGroups").forEach(group -> groups.add(group.asText()));
            assertThat(projection.path("running").asBoolean()).isTrue();
            assertThat(projection.path("caughtUp").asBoolean()).isTrue();
            assertThat(projection.path("position").asLong()).isEqualTo(published);
            assertThat(projection.path("behind").asLong()).isZero();
            assertThat(projection.path("segments")).hasSize(1);
            assertThat(projection.path("segments").get(0).path("position").asLong()).isEqualTo(published);
        }
        assertThat(groups).containsExactlyInAnyOrderElementsOf(ProcessingGroups.ALL);
    }

    @Test
    void replayRebuildsEveryReadModelDocumentByDocument() {
        Map<String, Map<Object, Document>> before = readModels();
        assertThat(before).containsKeys(SQL_CONNECTORS, SQL_CONNECTOR_NUMBERS, "phone_numbers",
                "phone_number_orders", "account_phone_numbers", "voice_connector_phone_numbers", SQL_SESSIONS,
                SQL_INTERACTIONS, SQL_HISTORY_SUBJECTS, SQL_HISTORY_ENTRIES);
        // Only a reset removes these; a replay over the old read model would leave them.
        before.keySet().forEach(this::insertStale);

        List<String> names = projectionNames();
        for (String name : names) {
            SignedHttp.Response started = replay(operator, name);
            assertThat(started.status()).as(started.toString()).isEqualTo(202);
            assertThat(started.json().path("replay").path("targetPosition").asLong()).isEqualTo(published);
        }
        for (String name : names) {
            JsonNode progress = awaitReplayed(name);
            assertThat(progress.path("fromPosition").asLong()).isZero();
            assertThat(progress.path("eventsTotal").asLong()).isEqualTo(published);
            assertThat(progress.path("eventsDone").asLong()).isEqualTo(published);
            assertThat(progress.path("percentDone").asDouble()).isEqualTo(100.0);
            assertThat(progress.path("etaSeconds").asDouble()).isZero();
            assertThat(progress.path("eventsPerSecond").asDouble()).isPositive();
            assertThat(progress.path("finishedAt").isTextual()).isTrue();
        }

        Map<String, Map<Object, Document>> after = readModels();
        assertThat(after.keySet()).isEqualTo(before.keySet());
        before.forEach((collection, documents) -> {
            Map<Object, Document> rebuilt = after.get(collection);
            assertThat(rebuilt.keySet()).as("ids in %s", collection).isEqualTo(documents.keySet());
            documents.forEach((id, document) ->
                    assertThat(rebuilt.get(id)).as("%s %s", collection, id).isEqualTo(document));
        });
    }

    @Test
    void progressIsReportedWhileTheReplayRuns() throws Exception {
        gate.arm(ProjectionHistory.FIRST_SB1_INTERACTION);
        SignedHttp.Response started = replay(operator, ProcessingGroups.INTERACTIONS);
        assertThat(started.status()).as(started.toString()).isEqualTo(202);
        assertThat(gate.awaitHeld()).as("the replay reached sb1's first interaction").isTrue();

        JsonNode running = await().atMost(REPLAY_TIMEOUT).until(
                () -> projection(ProcessingGroups.INTERACTIONS),
                status -> status.path("replay").path("eventsDone").asLong() > 0);
        JsonNode progress = running.path("replay");
        assertThat(progress.path("state").asText()).isEqualTo(ReplayProgress.REPLAYING);
        assertThat(progress.path("eventsTotal").asLong()).isEqualTo(published);
        assertThat(progress.path("eventsDone").asLong()).isLessThan(published);
        assertThat(progress.path("percentDone").asDouble()).isStrictlyBetween(0.0, 100.0);
        assertThat(progress.path("eventsPerSecond").asDouble()).isPositive();
        assertThat(progress.path("etaSeconds").asDouble()).isPositive();
        assertThat(progress.path("finishedAt").isNull()).isTrue();
        assertThat(running.path("replaying").asBoolean()).isTrue();
        assertThat(running.path("caughtUp").asBoolean()).isFalse();
        assertThat(running.path("behind").asLong()).isPositive();

        SignedHttp.Response again = replay(operator, ProcessingGroups.INTERACTIONS);
        assertThat(again.status()).as(again.toString()).isEqualTo(409);
        assertThat(again.json().path("Code").asText()).isEqualTo("Conflict");

        // Reads meanwhile wait out the consistency timeout, whichever read model they read, and
        // then answer from the read model as it is: the replaying one is partial.
        TimedResponse partial = timed(() -> tenant.get(SB1_INTERACTIONS));
        assertThat(partial.response().status()).as(partial.response().toString()).isEqualTo(200);
        // ib2 and ib3 are not replayed yet; ib1 is, if the projection handled it before the gate.
        assertThat(partial.response().json().path("Interactions").size()).isLessThanOrEqualTo(1);
        assertThat(partial.took()).isGreaterThanOrEqualTo(CONSISTENCY_TIMEOUT);
        TimedResponse otherModel = timed(() -> tenant.get("/voice-connectors/vc-b1/proxy-sessions/sb1"));
        assertThat(otherModel.response().status()).as(otherModel.response().toString()).isEqualTo(200);
        assertThat(otherModel.response().json().path("ProxySession").path("ProxySessionId").asText()).isEqualTo("sb1");
        assertThat(otherModel.took()).isGreaterThanOrEqualTo(CONSISTENCY_TIMEOUT);

        gate.open();
        JsonNode done = awaitReplayed(ProcessingGroups.INTERACTIONS);
        assertThat(done.path("eventsDone").asLong()).isEqualTo(published);
        assertThat(done.path("etaSeconds").asDouble()).isZero();
        TimedResponse complete = timed(() -> tenant.get(SB1_INTERACTIONS));
        assertThat(complete.response().json().path("Interactions").size()).isEqualTo(3);
        assertThat(complete.took()).isLessThan(CONSISTENCY_TIMEOUT);
    }

    private record TimedResponse(SignedHttp.Response response, Duration took) {}

    private static TimedResponse timed(Supplier<SignedHttp.Response> request) {
        long started = System.nanoTime();
        SignedHttp.Response response = request.get();
        return new TimedResponse(response, Duration.ofNanos(System.nanoTime() - started));
    }

    @Test
    void nonOperatorIsRefusedAndNothingIsReset() {
        Map<String, Map<Object, Document>> before = readModels();
        insertStale(SQL_SESSIONS);
        try {
            for (SignedHttp.Response refused : List.of(
                    replay(tenant, ProcessingGroups.PROXY_SESSIONS),
                    replay(tenant, "no-such-projection"),
                    tenant.post("/actuator/projections/" + ProcessingGroups.PROXY_SESSIONS, "{}"),
                    tenant.get("/actuator/projections"),
                    tenant.get("/actuator/projections/" + ProcessingGroups.PROXY_SESSIONS))) {
                assertThat(refused.status()).as(refused.toString()).isEqualTo(403);
                assertThat(refused.header("x-amzn-ErrorType")).hasValue("AccessDeniedException");
                assertThat(refused.json().path("Code").asText()).isEqualTo("AccessDenied");
            }

            JsonNode sessions = projection(ProcessingGroups.PROXY_SESSIONS);
            assertThat(sessions.path("replaying").asBoolean()).isFalse();
            assertThat(sessions.path("position").asLong()).isEqualTo(published);
            assertThat(jdbc().queryForObject("SELECT COUNT(*) FROM proxy_sessions WHERE proxy_session_id = ?",
                    Long.class, STALE)).as("the read model was not reset").isEqualTo(1);
        } finally {
            jdbc().update("DELETE FROM proxy_sessions WHERE proxy_session_id = ?", STALE);
        }
        assertThat(readModels()).isEqualTo(before);
    }

    @Test
    void unsignedRequestIsUnauthorized() {
        SignedHttp.Response response = SignedHttp.sendUnsigned(URI.create("http://127.0.0.1:" + port), "POST",
                "/actuator/projections/" + ProcessingGroups.PROXY_SESSIONS, "{\"action\":\"replay\"}".getBytes(),
                Map.of("Content-Type", "application/json"));

        assertThat(response.status()).as(response.toString()).isEqualTo(401);
        assertThat(projection(ProcessingGroups.PROXY_SESSIONS).path("replaying").asBoolean()).isFalse();
    }

    @Test
    void operatorMistakesAreRejected() {
        SignedHttp.Response unknown = replay(operator, "no-such-projection");
        assertThat(unknown.status()).as(unknown.toString()).isEqualTo(404);
        assertThat(unknown.json().path("Code").asText()).isEqualTo("NotFound");

        SignedHttp.Response unknownRead = operator.get("/actuator/projections/no-such-projection");
        assertThat(unknownRead.status()).as(unknownRead.toString()).isEqualTo(404);

        SignedHttp.Response noAction = operator.post("/actuator/projections/" + ProcessingGroups.PROXY_SESSIONS, "{}");
        assertThat(noAction.status()).as(noAction.toString()).isEqualTo(400);
        SignedHttp.Response otherAction = operator.post("/actuator/projections/" + ProcessingGroups.PROXY_SESSIONS,
                "{\"action\":\"reset\"}");
        assertThat(otherAction.status()).as(otherAction.toString()).isEqualTo(400);
        assertThat(otherAction.json().path("Code").asText()).isEqualTo("BadRequest");
        assertThat(projection(ProcessingGroups.PROXY_SESSIONS).path("replaying").asBoolean()).isFalse();
    }

    private static SignedHttp.Response replay(SignedHttp http, String name) {
        return http.post("/actuator/projections/" + name, "{\"action\":\"replay\"}");
    }

    private JsonNode projection(String name) {
        SignedHttp.Response response = operator.get("/actuator/projections/" + name);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json();
    }

    private List<String> projectionNames() {
        List<String> names = new ArrayList<>();
        operator.get("/actuator/projections").json().path("projections")
                .forEach(projection -> names.add(projection.path("name").asText()));
        return names;
    }

    private JsonNode awaitReplayed(String name) {
        JsonNode status = await().atMost(REPLAY_TIMEOUT).until(() -> projection(name),
                projection -> projection.path("replay").path("state").asText().equals(ReplayProgress.COMPLETED));
        assertThat(status.path("caughtUp").asBoolean()).isTrue();
        return status.path("replay");
    }

    private void awaitAllCaughtUp() {
        await().atMost(REPLAY_TIMEOUT).until(() -> {
            JsonNode body = operator.get("/actuator/projections").json();
            if (body.path("head").asLong() != published || body.path("projections").isEmpty()) {
                return false;
            }
            for (JsonNode projection : body.path("projections")) {
                if (!projection.path("caughtUp").asBoolean()) {
                    return false;
                }
            }
            return true;
        });
    }

    /** Every read-model collection, document by document, by {@code _id}. */
    private static final String SQL_CONNECTORS = "sql:voice_connectors";
    private static final String SQL_CONNECTOR_NUMBERS = "sql:voice_connector_numbers";
    private static final String SQL_SESSIONS = "sql:proxy_sessions";
    private static final String SQL_INTERACTIONS = "sql:proxy_session_interactions";
    private static final String SQL_HISTORY_SUBJECTS = "sql:history_subjects";
    private static final String SQL_HISTORY_ENTRIES = "sql:history_entries";

    private JdbcTemplate jdbc() {
        return new JdbcTemplate(sql.dataSource());
    }

    /** A row or document that only a reset removes; a replay over the old read model would leave it. */
    private void insertStale(String name) {
        if (SQL_CONNECTORS.equals(name)) {
            jdbc().update("INSERT INTO voice_connectors (voice_connector_id, account_id, position, require_encryption, "
                    + "created_at, updated_at, deleted) VALUES (?, '000000000000', 0, FALSE, 0, 0, FALSE)", STALE);
        } else if (SQL_CONNECTOR_NUMBERS.equals(name)) {
            jdbc().update("INSERT INTO voice_connector_numbers (voice_connector_id, e164) VALUES (?, '+12065550000')",
                    STALE);
        } else if (SQL_SESSIONS.equals(name)) {
            jdbc().update("INSERT INTO proxy_sessions (proxy_session_id, voice_connector_id, ordinal, account_id, status, "
                    + "expiry_minutes, capabilities, created_at, updated_at, participants, deleted) "
                    + "VALUES (?, 'vc-stale', 0, '000000000000', 'Open', 1, 'Voice', 0, 0, '', FALSE)", STALE);
        } else if (SQL_INTERACTIONS.equals(name)) {
            jdbc().update("INSERT INTO proxy_session_interactions (interaction_id, voice_connector_id, account_id, "
                    + "proxy_session_id, position, created_at) VALUES (?, 'vc-stale', '000000000000', 'ps-stale', 0, 0)",
                    STALE);
        } else if (SQL_HISTORY_SUBJECTS.equals(name)) {
            jdbc().update("INSERT INTO history_subjects (subject_key, voice_connector_id, entry_count, last_sequence) "
                    + "VALUES (?, 'vc-stale', 1, 0)", STALE);
        } else if (SQL_HISTORY_ENTRIES.equals(name)) {
            jdbc().update("INSERT INTO history_entries (subject_key, position, sequence_number) VALUES (?, 0, 0)", STALE);
        } else {
            database.getCollection(name).insertOne(new Document("_id", STALE));
        }
    }

    private void sqlRows(Map<String, Map<Object, Document>> all, String name, String key) {
        Map<Object, Document> rows = new LinkedHashMap<>();
        String table = name.substring("sql:".length());
        for (Map<String, Object> row : jdbc().queryForList("SELECT " + key + " AS row_key, * FROM " + table
                + " ORDER BY row_key")) {
            Object id = row.remove("ROW_KEY");
            rows.put(id, new Document(row));
        }
        if (!rows.isEmpty()) all.put(name, rows);
    }

    private Map<String, Map<Object, Document>> readModels() {
        Map<String, Map<Object, Document>> all = new TreeMap<>();
        sqlRows(all, SQL_CONNECTORS, "voice_connector_id");
        sqlRows(all, SQL_CONNECTOR_NUMBERS, "voice_connector_id || '#' || e164");
        sqlRows(all, SQL_SESSIONS, "proxy_session_id");
        sqlRows(all, SQL_INTERACTIONS, "interaction_id");
        sqlRows(all, SQL_HISTORY_SUBJECTS, "subject_key");
        sqlRows(all, SQL_HISTORY_ENTRIES, "subject_key || '#' || position");
        for (String name : database.listCollectionNames()) {
            if (TOKENS.equals(name)) {
                continue;
            }
            Map<Object, Document> documents = new LinkedHashMap<>();
            for (Document document : database.getCollection(name).find().sort(Sorts.ascending("_id"))) {
                documents.put(document.get("_id"), document);
            }
            if (!documents.isEmpty()) {
                all.put(name, documents);
            }
        }
        return all;
    }
}
