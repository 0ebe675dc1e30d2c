package io.proxyline.query.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cloudevents.CloudEvent;
import io.cloudevents.SpecVersion;
import io.cloudevents.jackson.JsonFormat;
import io.proxyline.query.QueryServiceApplication;
import io.proxyline.testing.SignedHttp;
import io.proxyline.testing.SseClient;
import io.proxyline.testing.TestCredentials;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@code GET /events} on the real query-service: the JDBC event store on H2, the history's owner
 * records on the embedded MongoDB-wire server, signed HTTP, Server-Sent Events read as they
 * arrive. Every test uses connectors of its own; the store is shared.
 */
@SpringBootTest(
        classes = QueryServiceApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            TestCredentials.ACCESS_KEY_PROPERTY, TestCredentials.SECRET_PROPERTY, TestCredentials.ACCOUNT_PROPERTY,
            TestCredentials.OTHER_ACCESS_KEY_PROPERTY, TestCredentials.OTHER_SECRET_PROPERTY,
            TestCredentials.OTHER_ACCOUNT_PROPERTY,
            "proxyline.embedded.backend=memory",
            "proxyline.event-store.compact-on-shutdown=false",
            "proxyline.rate-limit.enabled=false",
            "proxyline.events.max-streams=4",
            "proxyline.events.keep-alive=200ms"
        })
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@DirtiesContext
class EventStreamServiceTest {
    static final Duration WAIT = Duration.ofSeconds(20);
    private static final String OWNER = TestCredentials.ACCOUNT_ID;
    private static final String OTHER = TestCredentials.OTHER_ACCOUNT_ID;
    private static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort
    int port;

    @Autowired
    EventStore eventStore;

    @Autowired
    EventStreams streams;

    @Autowired
    PlatformTransactionManager transactionManager;

    private URI endpoint;
    private StreamStory story;

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) throws IOException {
        String dir = Files.createTempDirectory("proxyline-events").toString();
        registry.add("proxyline.data-dir", () -> dir);
    }

    @BeforeAll
    void setUp() {
        endpoint = URI.create("http://127.0.0.1:" + port);
        story = new StreamStory(eventStore);
    }

    static CloudEvent parse(String data) {
        return new JsonFormat().deserialize(data.getBytes(StandardCharsets.UTF_8));
    }

    static JsonNode dataOf(CloudEvent event) throws IOException {
        return JSON.readTree(event.getData().toBytes());
    }

    static List<String> types(SseClient client) {
        return client.data().stream().map(d -> parse(d).getType().substring("io.proxyline.".length())).toList();
    }

    static List<String> ids(SseClient client) {
        return client.data().stream().map(d -> parse(d).getId()).toList();
    }

    static List<String> ids(List<DomainEventMessage<?>> messages) {
        return messages.stream().map(DomainEventMessage::getIdentifier).toList();
    }

    private SseClient open(String pathAndQuery) throws Exception {
        SseClient client = SseClient.open(endpoint, pathAndQuery);
        assertThat(client.status).as(client.errorBody).isEqualTo(200);
        return client;
    }

    @Test
    void eventsArriveAsCloudEvents() throws Exception {
        DomainEventMessage<?> created = story.connector("vc-a", OWNER);
        DomainEventMessage<?> session = story.session("vc-a", "s-a", OWNER);

        try (SseClient client = open("/events?after=0&voice-connector-id=vc-a")) {
            assertThat(client.response.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("text/event-stream"));
            await().atMost(WAIT).until(() -> client.messages.size() == 2);

            CloudEvent connector = parse(client.messages.get(0).data());
            assertThat(connector.getSpecVersion()).isEqualTo(SpecVersion.V1);
            assertThat(connector.getId()).isEqualTo(created.getIdentifier());
            assertThat(connector.getSource()).isEqualTo(URI.create("/proxyline"));
            assertThat(connector.getType()).isEqualTo("io.proxyline.VoiceConnectorCreated");
            assertThat(connector.getSubject()).isEqualTo("voice-connectors/vc-a");
            assertThat(connector.getTime()).isEqualTo(OffsetDateTime.of(2024, 3, 1, 10, 0, 0, 0, ZoneOffset.UTC));
            assertThat(connector.getDataContentType()).isEqualTo("application/json");
            assertThat(dataOf(connector).get("Name").asText()).isEqualTo("name-vc-a");
            assertThat(dataOf(connector).has("AccountId")).isFalse();

            CloudEvent sessionEvent = parse(client.messages.get(1).data());
            assertThat(sessionEvent.getId()).isEqualTo(session.getIdentifier());
            assertThat(sessionEvent.getType()).isEqualTo("io.proxyline.ProxySessionCreated");
            assertThat(sessionEvent.getSubject()).isEqualTo("voice-connectors/vc-a/proxy-sessions/s-a");
            JsonNode data = dataOf(sessionEvent);
            assertThat(data.get("ProxySessionId").asText()).isEqualTo("s-a");
            assertThat(data.get("Capabilities").toString()).isEqualTo("[\"Voice\",\"SMS\"]");
            assertThat(data.get("Participants").get(0).get("ProxyPhoneNumber").asText()).isEqualTo("+12065550199");

            assertThat(client.messages.get(0).id()).matches("g:[0-9]+(:.*)?");
            assertThat(client.messages.get(1).id()).isNotEqualTo(client.messages.get(0).id());
        }
    }

    @Test
    void withoutAPositionTheStreamStartsAtTheHead() throws Exception {
        story.connector("vc-b", OWNER);

        try (SseClient client = open("/events?voice-connector-id=vc-b")) {
            DomainEventMessage<?> session = story.session("vc-b", "s-b", OWNER);
            DomainEventMessage<?> update = story.update("vc-b", "s-b", OWNER);

            await().atMost(WAIT).until(() -> client.messages.size() == 2);
            assertThat(ids(client)).containsExactlyElementsOf(ids(List.of(session, update)));
        }
    }

    @Test
    void filtersByTypeAndConnector() throws Exception {
        story.connector("vc-c1", OWNER);
        story.connector("vc-c2", OWNER);
        story.session("vc-c2", "s-c2", OWNER);
        DomainEventMessage<?> created = story.session("vc-c1", "s-c1", OWNER);
        story.update("vc-c1", "s-c1", OWNER);
        story.delete("vc-c2", "s-c2", OWNER);
        DomainEventMessage<?> deleted = story.delete("vc-c1", "s-c1", OWNER);

        try (SseClient both = open("/events?after=0&voice-connector-id=vc-c1&type=ProxySessionCreated&type=ProxySessionDeleted");
             SseClient updates = open("/events?after=0&type=ProxySessionUpdated")) {
            await().atMost(WAIT).until(() -> both.messages.size() == 2);
            assertThat(ids(both)).containsExactlyElementsOf(ids(List.of(created, deleted)));

            await().atMost(WAIT).until(() -> types(updates).size() >= 1
                    && subjects(updates).contains("voice-connectors/vc-c1/proxy-sessions/s-c1"));
            assertThat(types(updates)).containsOnly("ProxySessionUpdated");
        }
    }

    private static List<String> subjects(SseClient client) {
        return client.data().stream().map(d -> parse(d).getSubject()).toList();
    }

    @Test
    void anotherAccountNeverSeesTheseEvents() throws Exception {
        story.connector("vc-d", OWNER);
        story.session("vc-d", "s-d", OWNER);
        story.update("vc-d", "s-d", OWNER);
        story.config("vc-d", OWNER);
        DomainEventMessage<?> theirs = story.connector("vc-x", OTHER);
        DomainEventMessage<?> theirSession = story.session("vc-x", "s-x", OTHER);

        try (SseClient stranger = SseClient.open(endpoint, TestCredentials.OTHER_ACCESS_KEY_ID,
                TestCredentials.OTHER_SECRET_ACCESS_KEY, "/events?after=0", Map.of())) {
            await().atMost(WAIT).until(() -> stranger.messages.size() >= 2);
            assertThat(ids(stranger)).containsExactlyElementsOf(ids(List.of(theirs, theirSession)));
            String lastPosition = stranger.messages.get(1).id();

            // The owner asking for the other account's connector gets nothing, and its position
            // still moves past those events (keep-alives carry it).
            try (SseClient owner = open("/events?after=0&voice-connector-id=vc-x")) {
                await().atMost(WAIT).until(() -> lastPosition.equals(owner.lastEventId));
                assertThat(owner.messages).isEmpty();
            }
        }
    }

    @Test
    void resumesWithLastEventIdExactlyAfterTheLastEventSeen() throws Exception {
        List<DomainEventMessage<?>> all = new ArrayList<>();
        all.add(story.connector("vc-e", OWNER));
        all.add(story.config("vc-e", OWNER));
        all.add(story.session("vc-e", "s-e1", OWNER));
        all.add(story.update("vc-e", "s-e1", OWNER));
        all.add(story.session("vc-e", "s-e2", OWNER));
        all.add(story.delete("vc-e", "s-e1", OWNER));
        String third;
        try (SseClient first = open("/events?after=0&voice-connector-id=vc-e")) {
            await().atMost(WAIT).until(() -> first.messages.size() == 6);
            assertThat(ids(first)).containsExactlyElementsOf(ids(all));
            third = first.messages.get(2).id();
        }
        all.add(story.update("vc-e", "s-e2", OWNER));

        // A reconnecting EventSource sends the header with its original URL: the header wins.
        try (SseClient resumed = SseClient.open(endpoint, TestCredentials.ACCESS_KEY_ID,
                TestCredentials.SECRET_ACCESS_KEY, "/events?after=0&voice-connector-id=vc-e",
                Map.of("Last-Event-ID", third));
             SseClient after = open("/events?voice-connector-id=vc-e&after=" + third)) {
            all.add(story.delete("vc-e", "s-e2", OWNER));
            await().atMost(WAIT).until(() -> resumed.messages.size() >= 5 && after.messages.size() >= 5);
            assertThat(ids(resumed)).containsExactlyElementsOf(ids(all.subList(3, all.size())));
            assertThat(ids(after)).containsExactlyElementsOf(ids(all.subList(3, all.size())));
        }
    }

    /**
     * A transaction that took a global index but commits after a later one: the stream delivers
     * the later event first, with the open index as a gap in its position. A client that resumes
     * from that position after the late commit gets the late event once, and the later one not
     * again.
     */
    @Test
    void aLateCommitIsDeliveredExactlyOnceAfterAResume() throws Exception {
        StreamStory story = this.story.recordedNow();
        story.connector("vc-g", OWNER);
        CountDownLatch inserted = new CountDownLatch(1);
        CountDownLatch commit = new CountDownLatch(1);
        AtomicReference<DomainEventMessage<?>> late = new AtomicReference<>();
        String positionWithGap;
        Thread slowTransaction;
        try (SseClient live = open("/events?voice-connector-id=vc-g")) {
            slowTransaction = new Thread(() -> new TransactionTemplate(transactionManager).executeWithoutResult(tx -> {
                late.set(story.session("vc-g", "s-g", OWNER));
                inserted.countDown();
                try {
                    commit.await(WAIT.toSeconds(), TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
            slowTransaction.start();
            assertThat(inserted.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
            DomainEventMessage<?> onTime = story.config("vc-g", OWNER);

            await().atMost(WAIT).until(() -> live.messages.size() == 1);
            assertThat(ids(live)).containsExactly(onTime.getIdentifier());
            positionWithGap = live.messages.get(0).id();
            assertThat(positionWithGap).matches("g:[0-9]+:[0-9].*");
        }
        commit.countDown();
        slowTransaction.join(WAIT.toMillis());

        try (SseClient resumed = SseClient.open(endpoint, TestCredentials.ACCESS_KEY_ID,
                TestCredentials.SECRET_ACCESS_KEY, "/events?voice-connector-id=vc-g",
                Map.of("Last-Event-ID", positionWithGap))) {
            DomainEventMessage<?> update = story.update("vc-g", "s-g", OWNER);
            await().atMost(WAIT).until(() -> resumed.messages.size() >= 2);
            assertThat(ids(resumed)).containsExactly(late.get().getIdentifier(), update.getIdentifier());
        }
    }

    @Test
    void badInputIsAnAwsBadRequest() {
        SignedHttp http = SignedHttp.to(endpoint);
        List<SignedHttp.Response> responses = List.of(
                http.send("GET", "/events", new byte[0], Map.of("Last-Event-ID", "not-a-position")),
                http.send("GET", "/events", new byte[0], Map.of("Last-Event-ID", "g:5:7")),
                http.get("/events?after=g:x"),
                http.get("/events?after=-1"),
                http.get("/events?type=ProxySessionExploded"),
                http.get("/events?type=ProxySessionCreated&type=proxysessioncreated"));

        for (SignedHttp.Response response : responses) {
            assertThat(response.status()).as(response.toString()).isEqualTo(400);
            assertThat(response.header("x-amzn-ErrorType")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("BadRequestException"));
            assertThat(response.json().get("Code").asText()).isEqualTo("BadRequest");
        }
        assertThat(responses.get(4).json().get("Message").asText()).contains("ProxySessionExploded", "Types");
        assertThat(SignedHttp.sendUnsigned(endpoint, "GET", "/events", new byte[0], Map.of()).status()).isIn(401, 403);
    }

    @Test
    void streamsAreBoundedAndEndWhenTheClientLeaves() throws Exception {
        await().atMost(WAIT).until(() -> streams.openStreams() == 0);
        List<SseClient> clients = new ArrayList<>();
        try {
            for (int i = 0; i < 4; i++) {
                clients.add(open("/events"));
            }
            SseClient refused = SseClient.open(endpoint, "/events");
            assertThat(refused.status).isEqualTo(429);
            assertThat(refused.response.headers().firstValue("x-amzn-ErrorType")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("ThrottledClientException"));
            assertThat(streams.openStreams()).isEqualTo(4);
            await().atMost(WAIT).until(() -> clients.get(0).comments >= 2);
        } finally {
            for (SseClient client : clients) {
                client.close();
            }
        }
        // Noticed at the next keep-alive write: the cursor is closed and the slot returned.
        await().atMost(WAIT).until(() -> streams.openStreams() == 0);
        try (SseClient again = open("/events")) {
            assertThat(again.status).isEqualTo(200);
        }
    }
}
