package io.proxyline.systemtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.proxyline.testing.AwsClients;
import io.proxyline.testing.SignedHttp;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.chimesdkvoice.ChimeSdkVoiceClient;
import software.amazon.awssdk.services.chimesdkvoice.model.Capability;
import software.amazon.awssdk.services.chimesdkvoice.model.NotFoundException;
import software.amazon.awssdk.services.chimesdkvoice.model.PhoneNumber;
import software.amazon.awssdk.services.chimesdkvoice.model.PhoneNumberAssociation;
import software.amazon.awssdk.services.chimesdkvoice.model.PhoneNumberOrderStatus;
import software.amazon.awssdk.services.chimesdkvoice.model.PhoneNumberProductType;
import software.amazon.awssdk.services.chimesdkvoice.model.ProxySession;
import software.amazon.awssdk.services.chimesdkvoice.model.ProxySessionStatus;

/**
 * The split deployment end to end, as docker-compose.yml runs it but on a plain machine:
 * command-service and query-service from their packaged jars as two OS processes, sharing one
 * MongoDB-wire server (the MongoDB profile), behind Debian's nginx running deploy/nginx/edge.conf.
 * Every call goes through the edge with the real AWS SDK, and no call is retried: a read that
 * follows a write must see it the first time.
 */
class SplitEdgeTest {
    /**
     * proxyline.query.consistency-timeout: how long a read waits for the projections to catch up
     * before answering from the read model as it is. Set explicitly so that a read that waited it out
     * is told apart from one that caught up: see {@link #readsAfterWritesCatchUpInsteadOfWaitingOutTheTimeout}.
     */
    static final Duration CONSISTENCY_TIMEOUT = Duration.ofSeconds(3);
    static final Duration CAUGHT_UP_WELL_WITHIN = Duration.ofSeconds(1);

    @RegisterExtension
    static final Deployment deployment = new Deployment("split-edge");

    static int commandPort;
    static int queryPort;
    static Edge edge;
    static ChimeSdkVoiceClient client;
    static SignedHttp http;

    @BeforeAll
    static void startTheSplitDeployment() {
        String mongoUri = deployment.startMongo();
        commandPort = Reactor.freePort();
        queryPort = distinctFreePort(commandPort);
        int edgePort = distinctFreePort(commandPort, queryPort);
        Map<String, String> environment = ServiceEnvironment.split(mongoUri);
        Map<String, String> queryEnvironment = new java.util.HashMap<>(environment);
        queryEnvironment.put("PROXYLINE_QUERY_CONSISTENCYTIMEOUT", CONSISTENCY_TIMEOUT.toMillis() + "ms");
        // Both JVMs start in parallel; then each must report UP.
        ManagedProcess command = deployment.startService("command-service", Reactor.commandServiceJar(), commandPort,
                environment);
        ManagedProcess query = deployment.startService("query-service", Reactor.queryServiceJar(), queryPort,
                queryEnvironment);
        Deployment.awaitHealthy(command, commandPort);
        Deployment.awaitHealthy(query, queryPort);
        edge = deployment.startEdge(edgePort, "127.0.0.1:" + commandPort, "127.0.0.1:" + queryPort);
        edge.process().awaitHttp(edge.uri().resolve("/actuator/health"), "\"UP\"", Duration.ofSeconds(20));
        client = AwsClients.chimeSdkVoice(edge.uri());
        http = SignedHttp.to(edge.uri());
    }

    @AfterAll
    static void closeClient() {
        // The processes are stopped by the Deployment extension, after this, whatever happened.
        if (client != null) {
            client.close();
        }
    }

    @Test
    void proxySessionLifecycleReadsItsOwnWritesThroughTheEdge() {
        List<String> pool = List.of("+12065550100", "+12065550101", "+12065550102");
        List<String> people = List.of("+12125550123", "+13125550188");

        String vc = client.createVoiceConnector(r -> r.name("split-e2e").requireEncryption(false))
                .voiceConnector().voiceConnectorId();
        var order = client.createPhoneNumberOrder(r -> r.productType(PhoneNumberProductType.VOICE_CONNECTOR)
                .e164PhoneNumbers(pool)).phoneNumberOrder();
        assertThat(order.status()).isEqualTo(PhoneNumberOrderStatus.SUCCESSFUL);
        var associated = client.associatePhoneNumbersWithVoiceConnector(r -> r.voiceConnectorId(vc)
                .e164PhoneNumbers(pool));
        assertThat(associated.phoneNumberErrors()).isEmpty();

        // GetPhoneNumber's id is "+1206…": the SDK sends /phone-numbers/%2B12065550100.
        PhoneNumber number = client.getPhoneNumber(r -> r.phoneNumberId("+12065550100")).phoneNumber();
        assertThat(number.e164PhoneNumber()).isEqualTo("+12065550100");
        assertThat(number.associations()).extracting(PhoneNumberAssociation::value).containsExactly(vc);

        var proxy = client.putVoiceConnectorProxy(r -> r.voiceConnectorId(vc).phoneNumberPoolCountries("US")
                .defaultSessionExpiryMinutes(60)).proxy();
        assertThat(proxy.defaultSessionExpiryMinutes()).isEqualTo(60);

        ProxySession created = client.createProxySession(r -> r.voiceConnectorId(vc).participantPhoneNumbers(people)
                .capabilities(Capability.VOICE, Capability.SMS)).proxySession();
        String id = created.proxySessionId();
        assertThat(created.status()).isEqualTo(ProxySessionStatus.OPEN);
        assertThat(created.expiryMinutes()).isEqualTo(60);
        assertThat(created.participants()).hasSize(2);
        assertThat(created.participants().get(0).proxyPhoneNumber()).isIn(pool)
                .isEqualTo(created.participants().get(1).proxyPhoneNumber());

        // Read-after-write through the edge: the very next read, on the other service, sees the write.
        ProxySession got = client.getProxySession(r -> r.voiceConnectorId(vc).proxySessionId(id)).proxySession();
        assertThat(got.proxySessionId()).isEqualTo(id);
        assertThat(got.voiceConnectorId()).isEqualTo(vc);
        assertThat(got.status()).isEqualTo(ProxySessionStatus.OPEN);
        assertThat(got.capabilities()).containsExactlyInAnyOrder(Capability.VOICE, Capability.SMS);
        assertThat(got.expiryMinutes()).isEqualTo(60);
        assertThat(got.participants()).isEqualTo(created.participants());

        assertThat(client.listProxySessions(r -> r.voiceConnectorId(vc)).proxySessions())
                .extracting(ProxySession::proxySessionId).containsExactly(id);

        ProxySession updated = client.updateProxySession(r -> r.voiceConnectorId(vc).proxySessionId(id)
                .capabilities(Capability.SMS).expiryMinutes(90)).proxySession();
        assertThat(updated.capabilities()).containsExactly(Capability.SMS);
        assertThat(updated.expiryMinutes()).isEqualTo(90);
        ProxySession afterUpdate = client.getProxySession(r -> r.voiceConnectorId(vc).proxySessionId(id))
                .proxySession();
        assertThat(afterUpdate.capabilities()).containsExactly(Capability.SMS);
        assertThat(afterUpdate.expiryMinutes()).isEqualTo(90);

        client.deleteProxySession(r -> r.voiceConnectorId(vc).proxySessionId(id));
        assertThatThrownBy(() -> client.getProxySession(r -> r.voiceConnectorId(vc).proxySessionId(id)))
                .isInstanceOfSatisfying(NotFoundException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(404);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("NotFoundException");
                });
        assertThat(client.listProxySessions(r -> r.voiceConnectorId(vc)).proxySessions()).isEmpty();
    }

    /**
     * The routing hook through the edge, as a SIP server calls it (HTTP Basic, configured from the
     * environment as compose passes it): the POST goes to command-service, and the very next reads —
     * the session's status and its interactions, on query-service — see it.
     */
    @Test
    void theRoutingHookWorksThroughTheEdgeAndItsEffectIsReadAtOnce() throws Exception {
        List<String> pool = List.of("+12065550140");
        List<String> people = List.of("+12125550141", "+13125550142");
        String vc = client.createVoiceConnector(r -> r.name("split-hook").requireEncryption(false))
                .voiceConnector().voiceConnectorId();
        client.createPhoneNumberOrder(r -> r.productType(PhoneNumberProductType.VOICE_CONNECTOR).e164PhoneNumbers(pool));
        client.associatePhoneNumbersWithVoiceConnector(r -> r.voiceConnectorId(vc).e164PhoneNumbers(pool));
        client.putVoiceConnectorProxy(r -> r.voiceConnectorId(vc).phoneNumberPoolCountries("US")
                .defaultSessionExpiryMinutes(60));
        String id = client.createProxySession(r -> r.voiceConnectorId(vc).participantPhoneNumbers(people)
                .capabilities(Capability.VOICE)).proxySession().proxySessionId();

        String basic = java.util.Base64.getEncoder().encodeToString((io.proxyline.testing.TestCredentials.HOOK_KEY_ID
                + ":" + io.proxyline.testing.TestCredentials.HOOK_SECRET).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        java.net.http.HttpResponse<String> hook = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(edge.uri().resolve("/voice-connectors/" + vc + "/proxy-interactions"))
                        .header("Authorization", "Basic " + basic).header("Content-Type", "application/json")
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"Type\":\"Voice\",\"FromPhoneNumber\":\""
                                + people.get(0) + "\",\"ToPhoneNumber\":\"" + pool.get(0) + "\"}"))
                        .build(), java.net.http.HttpResponse.BodyHandlers.ofString());

        assertThat(hook.statusCode()).as(hook.body()).isEqualTo(201);
        assertThat(hook.body()).contains("\"Action\":\"Forward\"", "\"ForwardTo\":\"" + people.get(1) + "\"");
        assertThat(client.getProxySession(r -> r.voiceConnectorId(vc).proxySessionId(id)).proxySession().status())
                .isEqualTo(ProxySessionStatus.IN_PROGRESS);
        SignedHttp.Response interactions = http.get("/voice-connectors/" + vc + "/proxy-sessions/" + id + "/interactions");
        assertThat(interactions.status()).as(interactions.text()).isEqualTo(200);
        assertThat(interactions.json().get("Interactions")).hasSize(1);
        assertThat(interactions.json().get("Interactions").get(0).get("Action").asText()).isEqualTo("Forward");
    }

    /**
     * The event stream through nginx: events and keep-alives arrive as they are written (nginx
     * honours the stream's X-Accel-Buffering: no), only the caller's account's, in the MongoDB
     * profile (which streams from the head; resuming is the standalone store's, docs/event-stream.md).
     */
    @Test
    void theEventStreamPassesTheEdgeUnbuffered() throws Exception {
        try (io.proxyline.testing.SseClient stream = io.proxyline.testing.SseClient.open(edge.uri(),
                "/events?type=VoiceConnectorCreated")) {
            assertThat(stream.status).as(stream.errorBody).isEqualTo(200);
            assertThat(stream.response.headers().firstValue("Content-Type")).get().asString()
                    .startsWith("text/event-stream");
            String vc = client.createVoiceConnector(r -> r.name("split-stream").requireEncryption(false))
                    .voiceConnector().voiceConnectorId();
            await().atMost(Duration.ofSeconds(10)).until(() -> stream.data().stream().anyMatch(d -> d.contains(vc)));
            String event = stream.data().stream().filter(d -> d.contains(vc)).findFirst().orElseThrow();
            assertThat(event).contains("\"type\":\"io.proxyline.VoiceConnectorCreated\"",
                    "\"subject\":\"voice-connectors/" + vc + "\"");
            int seen = stream.comments;
            await().atMost(Duration.ofSeconds(10)).until(() -> stream.comments >= seen + 3);
        }
    }

    /**
     * Webhooks in the split deployment (MongoDB profile): the subscription is created on
     * command-service, which answers the signing secret; deliveries come from query-service, signed
     * with the secret it derives from the same key; the status is read through the edge.
     */
    @Test
    void aWebhookSubscriptionMadeThroughTheEdgeIsDeliveredSignedByQueryService() throws Exception {
        java.util.List<byte[]> bodies = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        java.util.List<java.util.Map<String, String>> headers =
                java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        com.sun.net.httpserver.HttpServer receiver = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            java.util.Map<String, String> h = new java.util.HashMap<>();
            exchange.getRequestHeaders().forEach((k, v) -> h.put(k.toLowerCase(), v.get(0)));
            headers.add(h);
            bodies.add(body);
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        receiver.start();
        try {
            String url = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/split";
            SignedHttp.Response created = http.post("/event-subscriptions",
                    "{\"Url\":\"" + url + "\",\"EventTypes\":[\"VoiceConnectorCreated\"]}");
            assertThat(created.status()).as(created.text()).isEqualTo(201);
            String id = created.json().path("EventSubscription").path("EventSubscriptionId").asText();
            String secret = created.json().path("EventSubscription").path("SigningSecret").asText();
            assertThat(http.get("/event-subscriptions/" + id).status()).isEqualTo(200);

            String vc = client.createVoiceConnector(r -> r.name("split-webhook").requireEncryption(false))
                    .voiceConnector().voiceConnectorId();
            await().atMost(Duration.ofSeconds(20)).until(() -> !bodies.isEmpty());
            String body = new String(bodies.get(0), java.nio.charset.StandardCharsets.UTF_8);
            assertThat(body).contains("\"type\":\"io.proxyline.VoiceConnectorCreated\"", vc);
            java.util.Map<String, String> h = headers.get(0);
            assertThat(h.get("webhook-signature")).isEqualTo(io.proxyline.webhook.WebhookSecrets.signature(secret,
                    h.get("webhook-id"), Long.parseLong(h.get("webhook-timestamp")), bodies.get(0)));
            await().atMost(Duration.ofSeconds(10)).until(() -> http.get("/event-subscriptions/" + id).json()
                    .path("EventSubscription").path("DeliveryStatus").path("DeliveredEvents").asLong() == 1);
            assertThat(http.delete("/event-subscriptions/" + id).status()).isEqualTo(204);
        } finally {
            receiver.stop(0);
        }
    }

    /**
     * A read that waited out the consistency timeout got an answer from a read model that may not
     * have caught up: that it was right is luck, not read-after-write. So after a write, the next
     * read must come back well within the timeout (projection lag here is tens of milliseconds).
     */
    @Test
    void readsAfterWritesCatchUpInsteadOfWaitingOutTheTimeout() {
        for (int i = 0; i < 5; i++) {
            String name = "raw-" + i;
            String vc = client.createVoiceConnector(r -> r.name(name).requireEncryption(false))
                    .voiceConnector().voiceConnectorId();
            assertThat(client.getVoiceConnector(r -> r.voiceConnectorId(vc)).voiceConnector().name()).isEqualTo(name);
            Edge.AccessLine read = awaitAccessLine("GET", "/voice-connectors/" + vc);
            assertThat(read.upstreamTime()).as("query-service's time for the read after write %d (timeout %s)", i,
                    CONSISTENCY_TIMEOUT).isLessThan(CAUGHT_UP_WELL_WITHIN);
        }
    }

    @Test
    void readsGoToQueryServiceAndEverythingElseToCommandService() {
        String vc = client.createVoiceConnector(r -> r.name("routing").requireEncryption(false))
                .voiceConnector().voiceConnectorId();
        assertThat(client.getVoiceConnector(r -> r.voiceConnectorId(vc)).voiceConnector().name()).isEqualTo("routing");
        SignedHttp.Response head = http.send("HEAD", "/voice-connectors/" + vc, new byte[0], Map.of());
        client.putVoiceConnectorProxy(r -> r.voiceConnectorId(vc).phoneNumberPoolCountries("US")
                .defaultSessionExpiryMinutes(30));
        client.deleteVoiceConnectorProxy(r -> r.voiceConnectorId(vc));

        String path = "/voice-connectors/" + vc;
        assertThat(awaitAccessLine("POST", "/voice-connectors").upstream()).isEqualTo(commandAddress());
        assertThat(awaitAccessLine("GET", path).upstream()).isEqualTo(queryAddress());
        assertThat(awaitAccessLine("HEAD", path).upstream()).isEqualTo(queryAddress());
        assertThat(awaitAccessLine("PUT", path + "/programmable-numbers/proxy").upstream()).isEqualTo(commandAddress());
        assertThat(awaitAccessLine("DELETE", path + "/programmable-numbers/proxy").upstream())
                .isEqualTo(commandAddress());
        // HEAD is GET without a body, answered by the same side.
        assertThat(head.status()).isEqualTo(200);
        assertThat(head.body()).isEmpty();

        // Every request the edge has passed on so far went to the right side.
        assertThat(edge.accessLog()).filteredOn(Edge.AccessLine::reachedAnUpstream).allSatisfy(line -> {
            boolean read = line.method().equals("GET") || line.method().equals("HEAD");
            assertThat(line.upstream()).as("%s %s", line.method(), line.uri())
                    .isEqualTo(read ? queryAddress() : commandAddress());
        });

        // And it matters: each service serves only its half, so a misrouted request would fail.
        SignedHttp.Response readOnCommandSide = SignedHttp.to(URI.create("http://127.0.0.1:" + commandPort))
                .get("/voice-connectors");
        assertThat(readOnCommandSide.status()).as(readOnCommandSide.toString()).isEqualTo(404);
        SignedHttp.Response writeOnQuerySide = SignedHttp.to(URI.create("http://127.0.0.1:" + queryPort))
                .post("/voice-connectors", "{\"Name\":\"misrouted\",\"RequireEncryption\":false}");
        assertThat(writeOnQuerySide.status()).as(writeOnQuerySide.toString()).isEqualTo(404);
    }

    /**
     * Operations on the split deployment: each service has its own metrics (tagged by operation),
     * readiness and OpenAPI document on its own port; the edge passes health on but not the
     * unsigned metrics.
     */
    @Test
    void eachServiceHasItsOwnMetricsReadinessAndApiDocsAndTheEdgeKeepsMetricsInside() {
        String vc = client.createVoiceConnector(r -> r.name("metrics").requireEncryption(false))
                .voiceConnector().voiceConnectorId();
        client.getVoiceConnector(r -> r.voiceConnectorId(vc));
        URI command = URI.create("http://127.0.0.1:" + commandPort);
        URI query = URI.create("http://127.0.0.1:" + queryPort);

        String commandMetrics = unsigned(command, "/actuator/prometheus");
        assertThat(commandMetrics).contains("application=\"command-service\"")
                .containsPattern("http_server_requests_seconds_count\\{[^}]*operation=\"CreateVoiceConnector\"[^}]*status=\"201\"")
                .containsPattern("proxyline_commands_seconds_count\\{[^}]*command=\"CreateVoiceConnectorCommand\"")
                .containsPattern("proxyline_eventstore_append_seconds_count\\{[^}]*engine=\"mongo\"")
                .contains("proxyline_command_queue_depth").doesNotContain(vc);
        String queryMetrics = unsigned(query, "/actuator/prometheus");
        assertThat(queryMetrics).contains("application=\"query-service\"")
                .containsPattern("http_server_requests_seconds_count\\{[^}]*operation=\"GetVoiceConnector\"[^}]*status=\"200\"")
                .contains("proxyline_projection_lag_seconds_count").contains("proxyline_projection_behind")
                .doesNotContain(vc);

        for (URI service : List.of(command, query)) {
            assertThat(unsigned(service, "/actuator/health/readiness")).contains("\"UP\"");
            assertThat(unsigned(service, "/actuator/health/liveness")).contains("\"UP\"");
        }
        assertThat(unsigned(command, "/v3/api-docs")).contains("/voice-connectors/{voiceConnectorId}/proxy-interactions")
                .doesNotContain("\"/events\"");
        assertThat(unsigned(query, "/v3/api-docs")).contains("\"/events\"", "/voice-connectors/{voiceConnectorId}/history");

        SignedHttp.Response throughTheEdge = SignedHttp.sendUnsigned(edge.uri(), "GET", "/actuator/prometheus",
                new byte[0], Map.of());
        assertThat(throughTheEdge.status()).isEqualTo(404);
        assertThat(throughTheEdge.header("x-amzn-ErrorType")).hasValue("NotFoundException");
        assertThat(throughTheEdge.json().path("Code").asText()).isEqualTo("NotFound");
        assertThat(SignedHttp.sendUnsigned(edge.uri(), "GET", "/actuator/health/readiness", new byte[0], Map.of())
                .status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(edge.accessLog())
                .filteredOn(line -> line.uri().startsWith("/actuator/prometheus"))
                .isNotEmpty().noneMatch(Edge.AccessLine::reachedAnUpstream));
    }

    private static String unsigned(URI service, String path) {
        SignedHttp.Response response = SignedHttp.sendUnsigned(service, "GET", path, new byte[0], Map.of());
        assertThat(response.status()).as("%s%s: %s", service, path, response).isEqualTo(200);
        return response.text();
    }

    @Test
    void unknownPathIsAnAwsShaped404ThroughTheEdge() {
        for (SignedHttp.Response response : List.of(http.get("/no-such-operation"),
                http.post("/no-such-operation", "{}"))) {
            assertThat(response.status()).as(response.toString()).isEqualTo(404);
            assertThat(response.header("x-amzn-ErrorType")).hasValue("NotFoundException");
            assertThat(response.header("x-amzn-RequestId")).isPresent();
            assertThat(response.header("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("application/json"));
            assertThat(response.json().path("Code").asText()).isEqualTo("NotFound");
            assertThat(response.json().path("Message").asText()).isNotBlank();
        }
    }

    @Test
    void percentEncodedPhoneNumberPathsReachTheServicesUnchanged() {
        String kept = "+12065550150";
        String deleted = "+12065550151";
        client.createPhoneNumberOrder(r -> r.productType(PhoneNumberProductType.VOICE_CONNECTOR)
                .e164PhoneNumbers(kept, deleted));

        SignedHttp.Response got = http.get("/phone-numbers/%2B12065550150");
        assertThat(got.status()).as(got.toString()).isEqualTo(200);
        assertThat(got.json().path("PhoneNumber").path("E164PhoneNumber").asText()).isEqualTo(kept);

        SignedHttp.Response removed = http.delete("/phone-numbers/%2B12065550151");
        assertThat(removed.status()).as(removed.toString()).isEqualTo(204);
        assertThatThrownBy(() -> client.getPhoneNumber(r -> r.phoneNumberId(deleted)))
                .isInstanceOf(NotFoundException.class);

        assertThat(awaitAccessLine("GET", "/phone-numbers/%2B12065550150").upstream()).isEqualTo(queryAddress());
        assertThat(awaitAccessLine("DELETE", "/phone-numbers/%2B12065550151").upstream()).isEqualTo(commandAddress());
    }

    @Test
    void bodiesOverOneMebibyteAreRefusedInTheAwsShape() {
        // Just over the service's limit, under the edge's: the service itself answers.
        byte[] overServiceLimit = jsonOfSize(1_048_577);
        SignedHttp.Response byService = http.send("POST", "/voice-connectors?body=service", overServiceLimit, Map.of());
        assertThat(byService.status()).as(byService.toString()).isEqualTo(413);
        assertThat(byService.header("x-amzn-ErrorType")).hasValue("BadRequestException");
        assertThat(byService.json().path("Code").asText()).isEqualTo("BadRequest");
        Edge.AccessLine serviceLine = awaitAccessLine("POST", "/voice-connectors?body=service");
        assertThat(serviceLine.upstream()).isEqualTo(commandAddress());
        assertThat(serviceLine.upstreamStatus()).isEqualTo("413");

        // Far over it: the edge refuses it without passing it on, in the same shape.
        byte[] overEdgeLimit = jsonOfSize(2_000_000);
        SignedHttp.Response byEdge = http.send("POST", "/voice-connectors?body=edge", overEdgeLimit, Map.of());
        assertThat(byEdge.status()).as(byEdge.toString()).isEqualTo(413);
        assertThat(byEdge.header("x-amzn-ErrorType")).hasValue("BadRequestException");
        assertThat(byEdge.json().path("Code").asText()).isEqualTo("BadRequest");
        assertThat(awaitAccessLine("POST", "/voice-connectors?body=edge").reachedAnUpstream()).isFalse();
    }

    private static byte[] jsonOfSize(int size) {
        String prefix = "{\"Name\":\"";
        String suffix = "\"}";
        byte[] body = new byte[size];
        Arrays.fill(body, (byte) 'a');
        System.arraycopy(prefix.getBytes(StandardCharsets.US_ASCII), 0, body, 0, prefix.length());
        System.arraycopy(suffix.getBytes(StandardCharsets.US_ASCII), 0, body, size - suffix.length(), suffix.length());
        return body;
    }

    /** The edge writes a request's log line right after answering it: wait for it, bounded. */
    private static Edge.AccessLine awaitAccessLine(String method, String uri) {
        Predicate<Edge.AccessLine> wanted = line -> line.method().equals(method) && line.uri().equals(uri);
        return await("the edge logs " + method + " " + uri)
                .atMost(Duration.ofSeconds(5))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> edge.accessLog().stream().filter(wanted).reduce((a, b) -> b),
                        java.util.Optional::isPresent)
                .orElseThrow();
    }

    private static String commandAddress() {
        return "127.0.0.1:" + commandPort;
    }

    private static String queryAddress() {
        return "127.0.0.1:" + queryPort;
    }

    private static int distinctFreePort(int... taken) {
        while (true) {
            int port = Reactor.freePort();
            if (Arrays.stream(taken).noneMatch(t -> t == port)) {
                return port;
            }
        }
    }
}
