package io.proxyline.standalone;

import static io.proxyline.standalone.ProxySessionFlowTest.numbers;
import static io.proxyline.standalone.ProxySessionFlowTest.participants;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.proxyline.api.interaction.InteractionAction;
import io.proxyline.api.interaction.InteractionRecordedEvent;
import io.proxyline.api.session.ProxySessionClosedEvent;
import io.proxyline.api.session.ProxySessionInProgressEvent;
import io.proxyline.testing.SignedHttp;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import software.amazon.awssdk.services.chimesdkvoice.ChimeSdkVoiceClient;
import software.amazon.awssdk.services.chimesdkvoice.model.Capability;
import software.amazon.awssdk.services.chimesdkvoice.model.PhoneNumberProductType;
import software.amazon.awssdk.services.chimesdkvoice.model.ProxySession;
import software.amazon.awssdk.services.chimesdkvoice.model.ProxySessionStatus;

/**
 * The routing hook (CreateProxyInteraction) and the interactions list over real HTTP on the
 * standalone app: its decisions, its credentials, bad input recording nothing, and its races with
 * closing and with itself, checked against the event store.
 */
class ProxyInteractionFlowTest extends StandaloneTestBase {
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    static final String FALLBACK = "+12065550999";

    @Autowired
    EventStore eventStore;

    record Setup(String vc, String proxy, String a, String b, String sessionId) {}

    Setup sessionWithFallback(ChimeSdkVoiceClient client, String... capabilities) {
        List<String> pool = numbers(1);
        String vc = client.createVoiceConnector(r -> r.name("hook").requireEncryption(false)).voiceConnector()
                .voiceConnectorId();
        client.createPhoneNumberOrder(r -> r.productType(PhoneNumberProductType.VOICE_CONNECTOR).e164PhoneNumbers(pool));
        client.associatePhoneNumbersWithVoiceConnector(r -> r.voiceConnectorId(vc).e164PhoneNumbers(pool));
        client.putVoiceConnectorProxy(r -> r.voiceConnectorId(vc).defaultSessionExpiryMinutes(60)
                .phoneNumberPoolCountries("US").fallBackPhoneNumber(FALLBACK));
        List<String> people = participants(2);
        ProxySession s = client.createProxySession(r -> r.voiceConnectorId(vc).participantPhoneNumbers(people)
                .capabilitiesWithStrings(capabilities.length == 0 ? new String[] {"Voice"} : capabilities))
                .proxySession();
        return new Setup(vc, pool.get(0), people.get(0), people.get(1), s.proxySessionId());
    }

    HttpResponse<String> hook(String key, String secret, String vc, String body) {
        return basic(key, secret, "POST", "/voice-connectors/" + vc + "/proxy-interactions", body);
    }

    HttpResponse<String> basic(String key, String secret, String method, String path, String body) {
        String auth = Base64.getEncoder().encodeToString((key + ":" + secret).getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(URI.create(endpoint() + path))
                .header("Authorization", "Basic " + auth).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body))
                .build();
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String call(String type, String from, String to) {
        return "{\"Type\":\"" + type + "\",\"FromPhoneNumber\":\"" + from + "\",\"ToPhoneNumber\":\"" + to + "\"}";
    }

    static JsonNode json(HttpResponse<String> response) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(response.body());
        } catch (Exception e) {
            throw new IllegalStateException(response.body(), e);
        }
    }

    SignedHttp signedAlice() {
        return SignedHttp.to(endpoint()).as(KEY_A, SECRET_A);
    }

    ProxySessionStatus status(Setup s) {
        return alice.getProxySession(r -> r.voiceConnectorId(s.vc()).proxySessionId(s.sessionId())).proxySession()
                .status();
    }

    List<Object> connectorEvents(String vc) {
        List<Object> out = new ArrayList<>();
        eventStore.readEvents(vc).asStream().map(DomainEventMessage::getPayload).forEach(out::add);
        return out;
    }

    @Test
    void aParticipantsCallIsForwardedAndTheSessionIsInProgressWithTheInteractionListed() {
        Setup s = sessionWithFallback(alice);

        HttpResponse<String> response = hook(HOOK_A, HOOK_SECRET_A, s.vc(), call("Voice", s.a(), s.proxy()));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        JsonNode i = json(response).get("Interaction");
        assertThat(i.get("Action").asText()).isEqualTo("Forward");
        assertThat(i.get("ProxySessionId").asText()).isEqualTo(s.sessionId());
        assertThat(i.get("ForwardFrom").asText()).isEqualTo(s.proxy());
        assertThat(i.get("ForwardTo").asText()).isEqualTo(s.b());
        assertThat(i.get("Type").asText()).isEqualTo("Voice");
        assertThat(i.has("Reason")).isFalse();
        assertThat(i.get("CreatedTimestamp").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
        assertThat(status(s)).isEqualTo(ProxySessionStatus.IN_PROGRESS);
        assertThat(alice.listProxySessions(r -> r.voiceConnectorId(s.vc()).status(ProxySessionStatus.IN_PROGRESS))
                .proxySessions()).extracting(ProxySession::proxySessionId).containsExactly(s.sessionId());
        assertThat(alice.listProxySessions(r -> r.voiceConnectorId(s.vc()).status(ProxySessionStatus.OPEN))
                .proxySessions()).isEmpty();

        SignedHttp.Response listed = signedAlice().get("/voice-connectors/" + s.vc() + "/proxy-sessions/"
                + s.sessionId() + "/interactions");
        assertThat(listed.status()).as(listed.text()).isEqualTo(200);
        assertThat(listed.json().get("Interactions")).hasSize(1);
        assertThat(listed.json().get("Interactions").get(0).get("InteractionId").asText())
                .isEqualTo(i.get("InteractionId").asText());
    }

    @Test
    void theHookAlsoTakesSigV4AndTheOtherParticipantReachesTheFirst() {
        Setup s = sessionWithFallback(alice);

        SignedHttp.Response response = signedAlice().post("/voice-connectors/" + s.vc() + "/proxy-interactions",
                call("Voice", s.b(), s.proxy()));

        assertThat(response.status()).as(response.text()).isEqualTo(201);
        assertThat(response.json().get("Interaction").get("ForwardTo").asText()).isEqualTo(s.a());
    }

    @Test
    void strangersFallBackAndDisallowedTypesAreRejectedWithReasons() {
        Setup s = sessionWithFallback(alice);

        JsonNode stranger = json(hook(HOOK_A, HOOK_SECRET_A, s.vc(), call("Voice", "+12065550177", s.proxy())))
                .get("Interaction");
        JsonNode sms = json(hook(HOOK_A, HOOK_SECRET_A, s.vc(), call("SMS", s.a(), s.proxy()))).get("Interaction");
        JsonNode notProxy = json(hook(HOOK_A, HOOK_SECRET_A, s.vc(), call("Voice", s.a(), "+12065550888")))
                .get("Interaction");

        assertThat(stranger.get("Action").asText()).isEqualTo("Fallback");
        assertThat(stranger.get("ForwardTo").asText()).isEqualTo(FALLBACK);
        assertThat(stranger.get("Reason").asText()).isEqualTo("NoActiveSession");
        assertThat(stranger.has("ProxySessionId")).isFalse();
        assertThat(sms.get("Action").asText()).isEqualTo("Reject");
        assertThat(sms.get("Reason").asText()).isEqualTo("CapabilityNotAllowed");
        assertThat(sms.has("ForwardTo")).isFalse();
        assertThat(notProxy.get("Reason").asText()).isEqualTo("NotAProxyNumber");
        assertThat(status(s)).isEqualTo(ProxySessionStatus.OPEN);
        alice.putVoiceConnectorProxy(r -> r.voiceConnectorId(s.vc()).defaultSessionExpiryMinutes(60)
                .phoneNumberPoolCountries("US").disabled(true));
        assertThat(json(hook(HOOK_A, HOOK_SECRET_A, s.vc(), call("Voice", s.a(), s.proxy()))).get("Interaction")
                .get("Reason").asText()).isEqualTo("ProxyDisabled");
    }

    @Test
    void badInputIsAnAwsShaped400AndRecordsNothing() {
        Setup s = sessionWithFallback(alice);
        int before = connectorEvents(s.vc()).size();

        for (String body : List.of(call("Fax", s.a(), s.proxy()), call("Voice", "2065550101", s.proxy()),
                call("Voice", s.a(), "+1206555"), "{\"Type\":\"Voice\",\"FromPhoneNumber\":12065550101,"
                        + "\"ToPhoneNumber\":\"" + s.proxy() + "\"}",
                "{\"Type\":\"Voice\",\"FromPhoneNumber\":\"" + s.a() + "\"}", "[]", "{not json",
                "{\"Type\":null,\"FromPhoneNumber\":\"" + s.a() + "\",\"ToPhoneNumber\":\"" + s.proxy() + "\"}")) {
            HttpResponse<String> response = hook(HOOK_A, HOOK_SECRET_A, s.vc(), body);
            assertThat(response.statusCode()).as(body + " → " + response.body()).isEqualTo(400);
            assertThat(response.headers().firstValue("x-amzn-ErrorType")).as(body).hasValueSatisfying(
                    t -> assertThat(t).startsWith("BadRequestException"));
            assertThat(json(response).get("Code").asText()).isEqualTo("BadRequest");
            assertThat(response.body()).doesNotContain("Exception:", "\tat ");
        }

        assertThat(connectorEvents(s.vc())).hasSize(before);
        assertThat(status(s)).isEqualTo(ProxySessionStatus.OPEN);
    }

    @Test
    void hookCredentialsAreStrictAndScopedToTheHookAndTheirAccount() {
        Setup s = sessionWithFallback(alice);
        int before = connectorEvents(s.vc()).size();

        HttpResponse<String> wrongSecret = hook(HOOK_A, HOOK_SECRET_A + "x", s.vc(), call("Voice", s.a(), s.proxy()));
        HttpResponse<String> unknownKey = hook("HOOKNOBODY", HOOK_SECRET_A, s.vc(), call("Voice", s.a(), s.proxy()));
        HttpResponse<String> otherAccount = hook(HOOK_B, HOOK_SECRET_B, s.vc(), call("Voice", s.a(), s.proxy()));
        HttpResponse<String> elsewhere = basic(HOOK_A, HOOK_SECRET_A, "GET", "/voice-connectors/" + s.vc()
                + "/proxy-sessions", null);
        HttpResponse<String> createSession = basic(HOOK_A, HOOK_SECRET_A, "POST", "/voice-connectors/" + s.vc()
                + "/proxy-sessions", "{\"ParticipantPhoneNumbers\":[\"+12125550001\",\"+12125550002\"],"
                + "\"Capabilities\":[\"Voice\"]}");

        assertThat(wrongSecret.statusCode()).isEqualTo(401);
        assertThat(json(wrongSecret).get("Code").asText()).isEqualTo("UnauthorizedClient");
        assertThat(unknownKey.statusCode()).isEqualTo(401);
        assertThat(otherAccount.statusCode()).as(otherAccount.body()).isEqualTo(404);
        assertThat(json(otherAccount).get("Code").asText()).isEqualTo("NotFound");
        assertThat(elsewhere.statusCode()).isIn(401, 403);
        assertThat(createSession.statusCode()).isIn(401, 403);
        assertThat(connectorEvents(s.vc())).hasSize(before);
        assertThat(status(s)).isEqualTo(ProxySessionStatus.OPEN);
    }

    @Test
    void concurrentFirstInteractionsAllForwardAndMakeExactlyOneInProgressTransition() throws Exception {
        Setup s = sessionWithFallback(alice);
        int callers = 16;
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<HttpResponse<String>>> calls = new ArrayList<>();
        try {
            for (int i = 0; i < callers; i++) {
                String from = i % 2 == 0 ? s.a() : s.b();
                calls.add(pool.submit(() -> {
                    go.await();
                    return hook(HOOK_A, HOOK_SECRET_A, s.vc(), call("Voice", from, s.proxy()));
                }));
            }
            go.countDown();
            for (Future<HttpResponse<String>> f : calls) {
                HttpResponse<String> r = f.get();
                assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
                assertThat(json(r).get("Interaction").get("Action").asText()).isEqualTo("Forward");
            }
        } finally {
            pool.shutdownNow();
        }

        List<Object> events = connectorEvents(s.vc());
        assertThat(events).filteredOn(ProxySessionInProgressEvent.class::isInstance).hasSize(1);
        assertThat(events).filteredOn(InteractionRecordedEvent.class::isInstance).hasSize(callers);
        SignedHttp.Response listed = signedAlice().get("/voice-connectors/" + s.vc() + "/proxy-sessions/"
                + s.sessionId() + "/interactions?max-results=100");
        assertThat(listed.json().get("Interactions")).hasSize(callers);
    }

    @Test
    void anInteractionRacingTheSessionsClosingNeverForwardsAfterIt() throws Exception {
        Setup s = sessionWithFallback(alice);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        AtomicBoolean closed = new AtomicBoolean();
        List<Future<List<String>>> callers = new ArrayList<>();
        try {
            for (int t = 0; t < 3; t++) {
                String from = t % 2 == 0 ? s.a() : s.b();
                callers.add(pool.submit((Callable<List<String>>) () -> {
                    List<String> afterClose = new ArrayList<>();
                    // Calls until well after the close was acknowledged; record what was answered after it.
                    for (int n = 0; n < 400; n++) {
                        boolean wasClosed = closed.get();
                        HttpResponse<String> r = hook(HOOK_A, HOOK_SECRET_A, s.vc(), call("Voice", from, s.proxy()));
                        if (wasClosed) {
                            afterClose.add(json(r).get("Interaction").get("Action").asText());
                            if (afterClose.size() >= 5) break;
                        }
                    }
                    return afterClose;
                }));
            }
            // Let the callers get going, then close every session by deleting the proxy configuration.
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (connectorEvents(s.vc()).stream().filter(InteractionRecordedEvent.class::isInstance).count() < 5
                    && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            alice.deleteVoiceConnectorProxy(r -> r.voiceConnectorId(s.vc()));
            closed.set(true);
            for (Future<List<String>> f : callers) {
                assertThat(f.get()).isNotEmpty().allMatch("Reject"::equals);
            }
        } finally {
            pool.shutdownNow();
        }

        // In the connector's own event order, nothing is forwarded within the session once it is closed.
        List<Object> events = connectorEvents(s.vc());
        int closedAt = -1;
        for (int i = 0; i < events.size(); i++) {
            if (events.get(i) instanceof ProxySessionClosedEvent c && c.proxySessionId().equals(s.sessionId())) {
                closedAt = i;
            }
        }
        assertThat(closedAt).as("the session's closing is recorded").isPositive();
        assertThat(events.subList(0, closedAt)).filteredOn(InteractionRecordedEvent.class::isInstance)
                .as("forwards before the closing").isNotEmpty();
        assertThat(events.subList(closedAt, events.size())).filteredOn(InteractionRecordedEvent.class::isInstance)
                .allSatisfy(e -> assertThat(((InteractionRecordedEvent) e).action()).isNotEqualTo(InteractionAction.FORWARD));
        assertThat(status(s)).isEqualTo(ProxySessionStatus.CLOSED);
    }

    @Test
    void anInteractionAfterAnUpdatesResponseDecidesOnTheNewCapabilities() throws Exception {
        Setup s = sessionWithFallback(alice, "Voice", "SMS");
        alice.updateProxySession(r -> r.voiceConnectorId(s.vc()).proxySessionId(s.sessionId())
                .capabilities(Capability.VOICE));

        JsonNode sms = json(hook(HOOK_A, HOOK_SECRET_A, s.vc(), call("SMS", s.a(), s.proxy()))).get("Interaction");

        // The update's response has arrived, so the hook decides on the new capabilities.
        assertThat(sms.get("Action").asText()).isEqualTo("Reject");
        assertThat(sms.get("Reason").asText()).isEqualTo("CapabilityNotAllowed");
    }
}
