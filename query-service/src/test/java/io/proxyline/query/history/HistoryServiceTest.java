package io.proxyline.query.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.proxyline.api.wire.Caller;
import io.proxyline.query.QueryServiceApplication;
import io.proxyline.testing.SignedHttp;
import io.proxyline.testing.TestCredentials;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
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

/**
 * The histories on the real query-service: the {@code history} tracking processor, the JDBC event
 * store on H2 (events and metadata through the Jackson serializer), the index on the embedded
 * MongoDB-wire server, signed HTTP. {@link HistoryStory}'s events are appended to the event store
 * as command-service appends them.
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
            "proxyline.rate-limit.enabled=false"
        })
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@DirtiesContext
class HistoryServiceTest {
    @LocalServerPort
    int port;

    @Autowired
    EventStore eventStore;

    @Autowired
    SessionAtInstant sessionAt;

    private SignedHttp owner;
    private SignedHttp stranger;

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) throws IOException {
        String dir = Files.createTempDirectory("proxyline-history").toString();
        registry.add("proxyline.data-dir", () -> dir);
    }

    @BeforeAll
    void appendTheStory() {
        URI endpoint = URI.create("http://127.0.0.1:" + port);
        owner = SignedHttp.to(endpoint);
        stranger = SignedHttp.to(endpoint)
                .as(TestCredentials.OTHER_ACCESS_KEY_ID, TestCredentials.OTHER_SECRET_ACCESS_KEY);
        Map<String, Long> nextSequence = new HashMap<>();
        HistoryStory.tell((event, caller, timestamp) -> append(nextSequence, event, caller, timestamp));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(owner.get("/voice-connectors/vc1/history").json().path("Events")).hasSize(6));
    }

    private DomainEventMessage<?> append(Map<String, Long> nextSequence, Object event, Caller caller, Instant timestamp) {
        String connector = HistoryFixture.connectorOf(event);
        long sequence = nextSequence.merge(connector, 1L, Long::sum) - 1;
        DomainEventMessage<?> message = new GenericDomainEventMessage<>("VoiceConnector", connector, sequence, event,
                caller == null ? Map.of() : HistoryFixture.metaData(caller), UUID.randomUUID().toString(), timestamp);
        eventStore.publish(message);
        return message;
    }

    private static List<String> types(JsonNode page) {
        List<String> types = new ArrayList<>();
        page.path("Events").forEach(e -> types.add(e.get("EventType").asText()));
        return types;
    }

    @Test
    void aSessionsHistoryIsReadFromTheEventStore() {
        SignedHttp.Response response = owner.get("/voice-connectors/vc1/proxy-sessions/s1/history");

        assertThat(response.status()).isEqualTo(200);
        JsonNode page = response.json();
        assertThat(types(page)).containsExactly("ProxySessionCreated", "ProxySessionUpdated", "ProxySessionInProgress",
                "ProxySessionClosed", "ProxySessionDeleted");
        JsonNode created = page.get("Events").get(0);
        assertThat(created.get("SequenceNumber").asLong()).isEqualTo(3);
        assertThat(created.get("Timestamp").asText()).isEqualTo("2024-03-01T10:00:10.000Z");
        assertThat(created.get("Principal").get("AccountId").asText()).isEqualTo(HistoryStory.ACCOUNT);
        assertThat(created.get("Principal").get("AccessKeyId").asText()).isEqualTo("AKIAPROXYLINEOWNER01");
        assertThat(created.get("RequestId").asText()).isEqualTo("req-4");
        assertThat(created.get("Data").get("Capabilities").toString()).isEqualTo("[\"Voice\",\"SMS\"]");
        assertThat(page.get("Events").get(3).get("Principal").toString()).isEqualTo("{\"Service\":\"proxyline-expiry\"}");
    }

    @Test
    void pagesOverSignedHttp() {
        JsonNode first = owner.get("/voice-connectors/vc1/proxy-sessions/s1/history?max-results=4").json();
        JsonNode rest = owner.get("/voice-connectors/vc1/proxy-sessions/s1/history?max-results=4&next-token="
                + first.get("NextToken").asText()).json();

        assertThat(first.get("Events")).hasSize(4);
        assertThat(types(rest)).containsExactly("ProxySessionDeleted");
        assertThat(rest.has("NextToken")).isFalse();
    }

    @Test
    void anotherAccountGetsTheAwsNotFound() {
        SignedHttp.Response session = stranger.get("/voice-connectors/vc1/proxy-sessions/s1/history");
        SignedHttp.Response connector = stranger.get("/voice-connectors/vc1/history");

        for (SignedHttp.Response response : List.of(session, connector)) {
            assertThat(response.status()).isEqualTo(404);
            assertThat(response.header("x-amzn-ErrorType")).contains("NotFoundException");
            assertThat(response.json().get("Code").asText()).isEqualTo("NotFound");
        }
        assertThat(types(stranger.get("/voice-connectors/vcX/proxy-sessions/x1/history").json()))
                .containsExactly("ProxySessionCreated");
    }

    @Test
    void theSessionAtAnInstantIsFoldedFromTheStoredEvents() {
        JsonNode inProgress = sessionAt.get(HistoryStory.ACCOUNT, "vc1", "s1", "2024-03-01T10:00:30Z").get("ProxySession");
        JsonNode expired = sessionAt.get(HistoryStory.ACCOUNT, "vc1", "s1", "2024-03-01T10:01:15Z").get("ProxySession");

        assertThat(inProgress.get("Status").asText()).isEqualTo("InProgress");
        assertThat(inProgress.get("Capabilities").toString()).isEqualTo("[\"Voice\"]");
        assertThat(expired.get("Status").asText()).isEqualTo("Closed");
        assertThat(expired.get("EndedTimestamp").asText()).isEqualTo("2024-03-01T10:01:10.000Z");
    }
}
