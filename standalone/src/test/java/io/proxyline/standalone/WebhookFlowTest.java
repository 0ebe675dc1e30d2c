package io.proxyline.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.proxyline.testing.SignedHttp;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.net.InetSocketAddress;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;
import software.amazon.awssdk.services.chimesdkvoice.model.PhoneNumberProductType;

/**
 * Webhooks end to end on the standalone app: a subscription made through the API, the signing
 * secret it answers once, deliveries to a real receiver of the events that API calls (and the
 * routing hook) cause, checked with the receiver-side recipes exactly as the README prints them
 * (its Java compiled, its Python run), then deletion. Receivers on this machine are allowed here.
 */
@TestPropertySource(properties = {"proxyline.webhooks.allow-private-addresses=true",
        "proxyline.webhooks.max-subscriptions-per-account=3"})
class WebhookFlowTest extends StandaloneTestBase {
    static final Duration WAIT = Duration.ofSeconds(20);
    static final ObjectMapper JSON = new ObjectMapper();

    record Delivery(Map<String, String> headers, byte[] body) {}

    HttpServer receiver;
    final List<Delivery> deliveries = Collections.synchronizedList(new ArrayList<>());
    SignedHttp aliceHttp;

    @BeforeEach
    void startReceiver() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/", exchange -> {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            Map<String, String> headers = new HashMap<>();
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(), String.join(",", v)));
            deliveries.add(new Delivery(headers, body));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        aliceHttp = SignedHttp.to(endpoint()).as(KEY_A, SECRET_A);
    }

    @AfterEach
    void stopReceiver() {
        receiver.stop(0);
    }

    String receiverUrl() {
        return "http://127.0.0.1:" + receiver.getAddress().getPort() + "/proxyline";
    }

    List<String> deliveredTypes() {
        List<String> types = new ArrayList<>();
        synchronized (deliveries) {
            for (Delivery d : deliveries) {
                types.add(readTree(d.body()).path("type").asText());
            }
        }
        return types;
    }

    static JsonNode readTree(byte[] body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aSubscriptionReceivesItsAccountsEventsSignedAsTheReadmeRecipesCheck() throws Exception {
        SignedHttp.Response created = aliceHttp.post("/event-subscriptions", "{\"Url\":\"" + receiverUrl()
                + "\",\"EventTypes\":[\"VoiceConnectorCreated\",\"ProxySessionCreated\",\"InteractionRecorded\"]}");
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        JsonNode subscription = created.json().path("EventSubscription");
        String id = subscription.path("EventSubscriptionId").asText();
        String secret = subscription.path("SigningSecret").asText();
        assertThat(secret).startsWith("whsec_");
        assertThat(subscription.path("Url").asText()).isEqualTo(receiverUrl());

        // Bob's activity is never delivered to Alice's subscription.
        bob.createVoiceConnector(r -> r.name("bob's").requireEncryption(false));
        String pool = "+12065558001";
        String vc = alice.createVoiceConnector(r -> r.name("hooked").requireEncryption(false)).voiceConnector()
                .voiceConnectorId();
        alice.createPhoneNumberOrder(r -> r.productType(PhoneNumberProductType.VOICE_CONNECTOR).e164PhoneNumbers(pool));
        alice.associatePhoneNumbersWithVoiceConnector(r -> r.voiceConnectorId(vc).e164PhoneNumbers(pool));
        alice.putVoiceConnectorProxy(r -> r.voiceConnectorId(vc).defaultSessionExpiryMinutes(60)
                .phoneNumberPoolCountries("US"));
        String session = alice.createProxySession(r -> r.voiceConnectorId(vc)
                .participantPhoneNumbers("+12125558002", "+12125558003").capabilitiesWithStrings("Voice"))
                .proxySession().proxySessionId();
        SignedHttp.Response hook = aliceHttp.post("/voice-connectors/" + vc + "/proxy-interactions",
                "{\"Type\":\"Voice\",\"FromPhoneNumber\":\"+12125558002\",\"ToPhoneNumber\":\"" + pool + "\"}");
        assertThat(hook.status()).as(hook.text()).isEqualTo(201);

        await().atMost(WAIT).until(() -> deliveries.size() >= 3);
        assertThat(deliveredTypes()).containsExactly("io.proxyline.VoiceConnectorCreated",
                "io.proxyline.ProxySessionCreated", "io.proxyline.InteractionRecorded");
        JsonNode interaction = readTree(deliveries.get(2).body()).path("data");
        assertThat(interaction.path("ProxySessionId").asText()).isEqualTo(session);
        assertThat(interaction.path("Action").asText()).isEqualTo("Forward");
        assertThat(interaction.path("ForwardTo").asText()).isEqualTo("+12125558003");
        assertThat(readTree(deliveries.get(0).body()).path("data").path("VoiceConnectorId").asText()).isEqualTo(vc);

        Method javaRecipe = readmeJavaRecipe();
        Path pythonRecipe = readmePythonRecipe();
        for (Delivery d : List.copyOf(deliveries)) {
            assertThat((boolean) javaRecipe.invoke(null, secret, d.headers(), d.body())).isTrue();
            assertThat(runPython(pythonRecipe, secret, d.headers(), d.body())).isTrue();
            byte[] tampered = new String(d.body(), StandardCharsets.UTF_8).replace("Voice", "SMS")
                    .getBytes(StandardCharsets.UTF_8);
            assertThat((boolean) javaRecipe.invoke(null, secret, d.headers(), tampered)).isFalse();
            assertThat(runPython(pythonRecipe, secret, d.headers(), tampered)).isFalse();
            Map<String, String> replayed = new HashMap<>(d.headers());
            replayed.put("webhook-timestamp", Long.toString(Long.parseLong(d.headers().get("webhook-timestamp")) - 600));
            assertThat((boolean) javaRecipe.invoke(null, secret, replayed, d.body())).isFalse();
            assertThat(runPython(pythonRecipe, secret, replayed, d.body())).isFalse();
        }

        await().atMost(WAIT).until(() -> aliceHttp.get("/event-subscriptions/" + id).json()
                .path("EventSubscription").path("DeliveryStatus").path("DeliveredEvents").asLong() == 3);
        SignedHttp.Response got = aliceHttp.get("/event-subscriptions/" + id);
        assertThat(got.text()).doesNotContain(secret);
        assertThat(got.json().path("EventSubscription").path("DeliveryStatus").path("LastEventId").asText())
                .isEqualTo(deliveries.get(2).headers().get("webhook-id"));
        SignedHttp bobHttp = SignedHttp.to(endpoint()).as(KEY_B, SECRET_B);
        assertThat(bobHttp.get("/event-subscriptions/" + id).status()).isEqualTo(404);
        assertThat(bobHttp.delete("/event-subscriptions/" + id).status()).isEqualTo(404);

        assertThat(aliceHttp.delete("/event-subscriptions/" + id).status()).isEqualTo(204);
        assertThat(aliceHttp.get("/event-subscriptions/" + id).status()).isEqualTo(404);
        assertThat(aliceHttp.delete("/event-subscriptions/" + id).status()).isEqualTo(404);
    }

    @Test
    void badSubscriptionsAreAwsShaped400sAndTheLimitHolds() {
        SignedHttp http = SignedHttp.to(endpoint()).as(KEY_B, SECRET_B);
        for (String body : new String[] {"{}", "{\"Url\":\"ftp://example.com/x\"}", "{\"Url\":42}",
                "{\"Url\":\"http://127.0.0.1/x\",\"EventTypes\":[\"ProxySessionExploded\"]}",
                "{\"Url\":\"http://user:pw@127.0.0.1/x\"}", "{\"Url\":\"http://127.0.0.1/x#frag\"}"}) {
            SignedHttp.Response r = http.post("/event-subscriptions", body);
            assertThat(r.status()).as(body + " " + r.text()).isEqualTo(400);
            assertThat(r.header("x-amzn-ErrorType")).contains("BadRequestException");
        }
        assertThat(SignedHttp.sendUnsigned(endpoint(), "POST", "/event-subscriptions",
                "{\"Url\":\"http://127.0.0.1/x\"}".getBytes(StandardCharsets.UTF_8), Map.of()).status())
                .isIn(401, 403);
        int existing = http.get("/event-subscriptions").json().path("EventSubscriptions").size();
        for (int i = existing; i < 3; i++) {
            assertThat(http.post("/event-subscriptions", "{\"Url\":\"" + receiverUrl() + "\"}").status()).isEqualTo(201);
        }
        SignedHttp.Response fourth = http.post("/event-subscriptions", "{\"Url\":\"" + receiverUrl() + "\"}");
        assertThat(fourth.status()).as(fourth.text()).isEqualTo(400);
        assertThat(fourth.json().path("Code").asText()).isEqualTo("ResourceLimitExceeded");
        assertThat(http.get("/event-subscriptions").json().path("EventSubscriptions").size()).isEqualTo(3);
    }

    // --- the README's recipes, as printed ---

    static String readmeBlock(String language) throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"));
        int section = readme.indexOf("\n## Webhooks");
        assertThat(section).as("README has a Webhooks section").isPositive();
        Matcher m = Pattern.compile("```" + language + "\n(.*?)```", Pattern.DOTALL).matcher(readme);
        assertThat(m.find(section)).as("README's Webhooks section has a " + language + " block").isTrue();
        return m.group(1);
    }

    static Method readmeJavaRecipe() throws Exception {
        Path dir = Files.createTempDirectory("readme-java");
        Path source = dir.resolve("WebhookVerifier.java");
        Files.writeString(source, readmeBlock("java"));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertThat(javac.run(null, null, null, "-d", dir.toString(), source.toString())).isZero();
        URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()});
        return loader.loadClass("WebhookVerifier").getMethod("verify", String.class, Map.class, byte[].class);
    }

    static Path readmePythonRecipe() throws IOException {
        Path script = Files.createTempFile("readme-recipe", ".py");
        Files.writeString(script, readmeBlock("python") + """

                import json, sys
                args = json.load(open(sys.argv[1]))
                ok = verify(args["secret"], args["headers"], open(args["body"], "rb").read())
                sys.exit(0 if ok else 3)
                """);
        return script;
    }

    static boolean runPython(Path script, String secret, Map<String, String> headers, byte[] body) throws Exception {
        Path bodyFile = Files.createTempFile("delivery", ".body");
        Files.write(bodyFile, body);
        Path args = Files.createTempFile("delivery", ".json");
        JSON.writeValue(args.toFile(), Map.of("secret", secret, "headers", headers, "body", bodyFile.toString()));
        Process p = new ProcessBuilder("python3", script.toString(), args.toString()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(output).isIn(0, 3);
        return p.exitValue() == 0;
    }
}
