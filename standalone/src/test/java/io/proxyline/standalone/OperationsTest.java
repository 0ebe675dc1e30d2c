package io.proxyline.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.proxyline.testing.SignedHttp;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.actuate.health.HealthEndpointGroup;
import org.springframework.boot.actuate.health.HealthEndpointGroups;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ApplicationContext;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;
import software.amazon.awssdk.services.chimesdkvoice.model.BadRequestException;
import software.amazon.awssdk.services.chimesdkvoice.model.Capability;

/**
 * What an operator sees, end to end against the standalone app: Prometheus metrics after real
 * requests, JSON logs that carry each request's id, liveness and readiness (down while a store is,
 * up again when it is back), and the OpenAPI document of Proxyline's own endpoints. The app logs
 * JSON here (ECS), as the split services do in docker compose.
 */
@AutoConfigureObservability
@ExtendWith(OutputCaptureExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@TestPropertySource(properties = {
        "logging.structured.format.console=ecs",
        "management.endpoints.web.exposure.include=health,prometheus,projections",
        "proxyline.webhooks.allow-private-addresses=true"})
class OperationsTest extends StandaloneTestBase {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)})? (\\S+)$");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    @Autowired
    ApplicationContext context;

    SignedHttp http() {
        return SignedHttp.to(endpoint()).as(KEY_A, SECRET_A);
    }

    SignedHttp.Response unsigned(String path) {
        return SignedHttp.sendUnsigned(endpoint(), "GET", path, new byte[0], Map.of());
    }

    @Test
    @Order(1)
    void metricsCountRequestsPerOperationAndTheInsideOfTheService() throws Exception {
        List<String> pool = ProxySessionFlowTest.numbers(3);
        String vc = ProxySessionFlowTest.connectorWithPool(alice, pool);
        List<String> sessions = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            List<String> people = ProxySessionFlowTest.participants(2);
            sessions.add(alice.createProxySession(r -> r.voiceConnectorId(vc).participantPhoneNumbers(people)
                    .capabilities(Capability.VOICE)).proxySession().proxySessionId());
        }
        // Two refused creates: the same participant twice.
        String same = ProxySessionFlowTest.participants(1).get(0);
        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> alice.createProxySession(r -> r.voiceConnectorId(vc)
                    .participantPhoneNumbers(same, same).capabilities(Capability.VOICE)))
                    .isInstanceOf(BadRequestException.class);
        }
        alice.getProxySession(r -> r.voiceConnectorId(vc).proxySessionId(sessions.get(0)));
        // An unsigned request: refused before any controller, still counted under its operation.
        assertThat(SignedHttp.sendUnsigned(endpoint(), "GET", "/voice-connectors/" + vc, new byte[0], Map.of())
                .status()).isEqualTo(401);

        // A webhook receiver that fails: its deliveries are counted as failures.
        HttpServer failing = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        failing.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(500, -1);
            exchange.close();
        });
        failing.start();
        try {
            assertThat(http().post("/event-subscriptions", "{\"Url\":\"http://127.0.0.1:"
                    + failing.getAddress().getPort() + "/hook\"}").status()).isEqualTo(201);
            alice.createProxySession(r -> r.voiceConnectorId(vc)
                    .participantPhoneNumbers(ProxySessionFlowTest.participants(2)).capabilities(Capability.SMS));
            sessions.add("counted");

            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(
                    sum(scrape(), "proxyline_webhook_deliveries_total", Map.of("outcome", "failed", "reason", "http_5xx")))
                    .isGreaterThanOrEqualTo(1));
        } finally {
            failing.stop(0);
        }

        SignedHttp.Response response = unsigned("/actuator/prometheus");
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("Content-Type").orElse("")).startsWith("text/plain");
        List<Sample> samples = parse(response.text());

        // Per operation, by status: 4 creates (3 + the webhook's trigger) answered 201, 2 answered 400.
        assertThat(sum(samples, "http_server_requests_seconds_count",
                Map.of("operation", "CreateProxySession", "status", "201"))).isEqualTo(4);
        assertThat(sum(samples, "http_server_requests_seconds_count",
                Map.of("operation", "CreateProxySession", "status", "400"))).isEqualTo(2);
        assertThat(sum(samples, "http_server_requests_seconds_count",
                Map.of("operation", "GetProxySession", "status", "200"))).isEqualTo(1);
        assertThat(sum(samples, "http_server_requests_seconds_count",
                Map.of("operation", "GetVoiceConnector", "status", "401"))).isEqualTo(1);
        assertThat(sum(samples, "http_server_requests_seconds_count",
                Map.of("operation", "CreateEventSubscription", "status", "201"))).isEqualTo(1);
        assertThat(sum(samples, "http_server_requests_seconds_sum", Map.of("operation", "CreateProxySession")))
                .isPositive();
        // Latency buckets for percentiles: every create is within the 5 s bucket.
        assertThat(sum(samples, "http_server_requests_seconds_bucket",
                Map.of("operation", "CreateProxySession", "status", "201", "le", "5.0"))).isEqualTo(4);

        // Commands: the same creates, as the command side saw them (the 2 refused ones never became commands:
        // the edge's validation refused them).
        assertThat(sum(samples, "proxyline_commands_seconds_count",
                Map.of("command", "CreateProxySessionCommand", "outcome", "success"))).isEqualTo(4);
        assertThat(value(samples, "proxyline_command_queue_depth", Map.of("writer", "0"))).isZero();
        assertThat(sum(samples, "proxyline_command_commit_seconds_count", Map.of())).isPositive();
        assertThat(sum(samples, "proxyline_command_batch_size_count", Map.of())).isPositive();

        // The event store: at least an event per create and per setup step, appended through the JDBC engine.
        double appended = sum(samples, "proxyline_eventstore_appended_events_total", Map.of("engine", "jdbc"));
        assertThat(appended).isGreaterThanOrEqualTo(4 + 3);
        assertThat(sum(samples, "proxyline_eventstore_append_seconds_count", Map.of("engine", "jdbc"))).isPositive();
        assertThat(value(samples, "proxyline_eventstore_head", Map.of())).isGreaterThanOrEqualTo(appended - 1);

        // Projections: positions per processor (caught up by now) and the append-to-read-model lag.
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            List<Sample> now = scrape();
            for (String processor : List.of("connectors", "phone-numbers", "proxy-sessions", "interactions", "history",
                    "event-subscriptions")) {
                assertThat(value(now, "proxyline_projection_behind", Map.of("processor", processor)))
                        .as(processor).isZero();
                assertThat(value(now, "proxyline_projection_error", Map.of("processor", processor))).isZero();
            }
        });
        assertThat(sum(samples, "proxyline_projection_lag_seconds_count", Map.of("processor", "proxy-sessions")))
                .isGreaterThanOrEqualTo(4);

        // No series per resource: no connector or session id, no phone number in any label.
        for (Sample sample : samples) {
            for (String label : sample.labels().values()) {
                assertThat(label).doesNotContain(vc).doesNotContain("+1");
                for (String id : sessions) assertThat(label).doesNotContain(id);
            }
        }
    }

    @Test
    @Order(2)
    void aRefusalIsOneJsonLogLineWithTheRequestIdOfTheWire(CapturedOutput output) throws Exception {
        SignedHttp.Response unknown = http().delete("/phone-numbers/%2B12065559876");
        assertThat(unknown.status()).isEqualTo(404);
        List<String> ids = unknown.headers().allValues("x-amzn-RequestId");
        assertThat(ids).hasSize(1);
        String id = ids.get(0);

        SignedHttp.Response bad = http().post("/voice-connectors", "{\"Name\":7}");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.headers().allValues("x-amzn-RequestId")).hasSize(1);

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(linesWith(output, id)).isNotEmpty());
        List<String> lines = linesWith(output, id);
        assertThat(lines).hasSize(1);
        String line = lines.get(0);
        assertThat(line).contains("DELETE /phone-numbers/%2B12065559876 answered 404");
        // JSON when this context set up logging; Logback keeps the first context's setup while it lives
        // (Spring's test context cache), which in the whole suite is the readable format with [requestId].
        if (line.startsWith("{")) {
            JsonNode json = JSON.readTree(line);
            assertThat(json.path("requestId").asText()).isEqualTo(id);
            assertThat(json.path("log").path("level").asText()).isEqualTo("INFO");
            assertThat(json.path("log").path("logger").asText()).isEqualTo("io.proxyline.web.AwsErrors");
            assertThat(json.path("account").asText()).isEqualTo(ACCOUNT_A);
            assertThat(json.has("@timestamp")).isTrue();
        } else {
            assertThat(line).contains("[" + id + "]").contains(" INFO ");
        }
        // The unknown number is an expected refusal: no stack trace anywhere in the output.
        assertThat(output.getOut()).doesNotContain("\"stack_trace\"").doesNotContain("\tat org.axonframework");
        String badId = bad.header("x-amzn-RequestId").orElseThrow();
        assertThat(linesWith(output, badId)).singleElement().asString().contains("answered 400");
    }

    @Test
    @Order(3)
    void theOpenApiDocumentHasProxylinesOwnEndpointsOnly() throws Exception {
        SignedHttp.Response response = unsigned("/v3/api-docs");
        assertThat(response.status()).isEqualTo(200);
        JsonNode doc = response.json();
        assertThat(doc.path("openapi").asText()).startsWith("3.");
        JsonNode paths = doc.path("paths");
        List<String> names = new ArrayList<>();
        paths.fieldNames().forEachRemaining(names::add);
        assertThat(names).contains(
                "/voice-connectors/{voiceConnectorId}/proxy-interactions",
                "/voice-connectors/{voiceConnectorId}/proxy-sessions/{proxySessionId}/interactions",
                "/voice-connectors/{voiceConnectorId}/proxy-sessions/{proxySessionId}/history",
                "/voice-connectors/{voiceConnectorId}/history",
                "/events",
                "/event-subscriptions",
                "/event-subscriptions/{eventSubscriptionId}",
                "/actuator/projections",
                "/actuator/projections/{name}");
        assertThat(names).doesNotContain("/voice-connectors", "/voice-connectors/{voiceConnectorId}",
                "/voice-connectors/{voiceConnectorId}/proxy-sessions",
                "/voice-connectors/{voiceConnectorId}/proxy-sessions/{proxySessionId}",
                "/voice-connectors/{voiceConnectorId}/programmable-numbers/proxy", "/phone-numbers",
                "/phone-numbers/{phoneNumberId}", "/phone-number-orders");
        assertThat(names).noneMatch(n -> n.startsWith("/actuator/health") || n.startsWith("/actuator/prometheus"));

        // Completed from the service model: names, parameters, bodies, statuses, authentication.
        JsonNode hook = paths.path("/voice-connectors/{voiceConnectorId}/proxy-interactions").path("post");
        assertThat(hook.path("operationId").asText()).isEqualTo("CreateProxyInteraction");
        JsonNode body = hook.path("requestBody").path("content").path("application/json").path("schema");
        assertThat(body.path("required").toString()).contains("Type", "FromPhoneNumber", "ToPhoneNumber");
        assertThat(body.path("properties").path("Type").path("enum").toString()).contains("Voice", "SMS");
        assertThat(hook.path("responses").has("201")).isTrue();
        assertThat(hook.path("security").toString()).contains("sigv4", "hookBasic");
        JsonNode history = paths.path("/voice-connectors/{voiceConnectorId}/history").path("get");
        assertThat(history.path("operationId").asText()).isEqualTo("ListVoiceConnectorHistory");
        assertThat(history.path("parameters").toString()).contains("max-results", "next-token");
        assertThat(paths.path("/events").path("get").path("parameters").toString())
                .contains("\"type\"", "voice-connector-id", "after", "Last-Event-ID");
        assertThat(paths.path("/event-subscriptions/{eventSubscriptionId}").path("delete").path("responses").has("204"))
                .isTrue();
    }

    @Test
    @Order(4)
    void readinessIsDownWhileTheReadModelStoreIsAndUpWhenItIsBack() throws Exception {
        assertThat(unsigned("/actuator/health/liveness").status()).isEqualTo(200);
        assertThat(unsigned("/actuator/health/readiness").status()).isEqualTo(200);
        assertThat(unsigned("/actuator/health/readiness").json().path("status").asText()).isEqualTo("UP");

        MongoServer server = embeddedReadModelServer();
        InetSocketAddress address = server.getLocalAddress();
        server.shutdownNow();
        try {
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                SignedHttp.Response readiness = unsigned("/actuator/health/readiness");
                assertThat(readiness.status()).isEqualTo(503);
                assertThat(readiness.json().path("status").asText()).isEqualTo("DOWN");
            });
            // Liveness does not follow the store: restarting the service would not bring it back.
            assertThat(unsigned("/actuator/health/liveness").status()).isEqualTo(200);
        } finally {
            // A store on the same address again (its data is gone with the old server: this context is discarded).
            server = new MongoServer(new MemoryBackend());
            server.bind(address.getHostString(), address.getPort());
        }
        try {
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                    assertThat(unsigned("/actuator/health/readiness").status()).isEqualTo(200));
        } finally {
            server.shutdownNow();
        }
    }

    /**
     * Every store of the standalone profile is in the readiness group, the SQL read-model database too (its
     * check, {@code StoreHealth.jdbc}, follows the database: {@code StoreHealthTest}).
     */
    @Test
    void readinessCoversEveryStoreOfTheProfile() {
        HealthEndpointGroup readiness = context.getBean(HealthEndpointGroups.class).get("readiness");
        for (String store : List.of("eventStore", "readModels", "readModelsSql")) {
            assertThat(context.containsBean(store + "HealthIndicator")).as(store).isTrue();
            assertThat(readiness.isMember(store)).as(store + " in the readiness group").isTrue();
        }
    }

    /** The standalone profile's embedded MongoDB-wire server, which holds the read models and tokens. */
    private MongoServer embeddedReadModelServer() throws Exception {
        Object store = context.getBean("embeddedMongoServer");
        var accessor = store.getClass().getDeclaredMethod("server");
        accessor.setAccessible(true);
        return (MongoServer) accessor.invoke(store);
    }

    private static List<String> linesWith(CapturedOutput output, String requestId) {
        List<String> found = new ArrayList<>();
        for (String line : output.getOut().split("\n")) {
            if (line.contains(requestId)) found.add(line);
        }
        return found;
    }

    record Sample(String name, Map<String, String> labels, double value) {}

    private List<Sample> scrape() {
        SignedHttp.Response response = unsigned("/actuator/prometheus");
        assertThat(response.status()).isEqualTo(200);
        return parse(response.text());
    }

    /** The Prometheus text format: {@code name{label="value",…} value} per line, comments skipped. */
    static List<Sample> parse(String text) {
        List<Sample> samples = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) continue;
            Matcher m = SAMPLE.matcher(line);
            assertThat(m.matches()).as("a Prometheus sample line: %s", line).isTrue();
            Map<String, String> labels = new HashMap<>();
            if (m.group(3) != null) {
                Matcher l = LABEL.matcher(m.group(3));
                while (l.find()) labels.put(l.group(1), l.group(2));
            }
            samples.add(new Sample(m.group(1), labels, Double.parseDouble(m.group(4))));
        }
        return samples;
    }

    static double sum(List<Sample> samples, String name, Map<String, String> labels) {
        return matching(samples, name, labels).stream().mapToDouble(Sample::value).sum();
    }

    static double value(List<Sample> samples, String name, Map<String, String> labels) {
        List<Sample> found = matching(samples, name, labels);
        assertThat(found).as("series %s%s", name, labels).hasSize(1);
        return found.get(0).value();
    }

    private static List<Sample> matching(List<Sample> samples, String name, Map<String, String> labels) {
        return samples.stream().filter(s -> s.name().equals(name))
                .filter(s -> s.labels().entrySet().containsAll(labels.entrySet())).toList();
    }
}
