package io.proxyline.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import io.proxyline.testing.RawHttp;
import io.proxyline.testing.SignedHttp;
import io.proxyline.web.AwsModel;
import io.proxyline.web.ModelFuzzer;
import io.proxyline.web.ModelFuzzer.Auth;
import io.proxyline.web.ModelFuzzer.Ids;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicInteger;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;
import software.amazon.awssdk.services.chimesdkvoice.ChimeSdkVoiceClient;
import software.amazon.awssdk.services.chimesdkvoice.model.Capability;
import software.amazon.awssdk.services.chimesdkvoice.model.PhoneNumberProductType;

/**
 * The hostile-input probe, kept in the suite: {@value #REQUESTS} requests from {@link ModelFuzzer}
 * (seeded; the seed is printed, {@code -Dproxyline.fuzz.seed=N} replays a run) against the whole
 * standalone app, over every operation of the service model, from the two accounts and from nobody.
 * Three properties must hold: no answer is a 5xx; no attack is accepted (a request without a
 * valid signature never succeeds, an account never succeeds on, nor reads, the other account's
 * resources); and every session that existed before, in both accounts, is unchanged afterwards, as
 * are its connector, proxy configuration and numbers.
 *
 * <p>Its own application context (the rate limit is stated here, so the status mix does not move
 * with the default), closed afterwards; resources it may change are separate from the victims.
 */
@TestPropertySource(properties = {"proxyline.rate-limit.requests-per-second=2000", "proxyline.rate-limit.burst=4000"})
@DirtiesContext
class HostileInputFuzzTest extends StandaloneTestBase {
    static final int REQUESTS = 10_500;
    static final int THREADS = 4;

    record Victims(Ids ids, List<String> reads) {}

    @Test
    void tenThousandHostileRequestsGetNoServerErrorAcceptNoAttackAndChangeNoSession() throws Exception {
        long seed = Long.getLong("proxyline.fuzz.seed", System.nanoTime());
        System.out.println("HostileInputFuzzTest seed: " + seed + " (replay: -Dproxyline.fuzz.seed=" + seed + ")");

        long setUp = System.nanoTime();
        Ids own = own(alice);
        Victims victimsOfA = victims(alice, "a", 8000);
        Victims victimsOfB = victims(bob, "b", 8500);
        Map<String, String> before = snapshot(victimsOfA, victimsOfB);
        assertThat(before.values()).as("the victims as their owners see them").allMatch(v -> v.startsWith("200 "));

        AwsModel model = AwsModel.load();
        List<ModelFuzzer.Request> requests = new ModelFuzzer(model, seed, own, victimsOfA.ids(), victimsOfB.ids(),
                Set.of("StreamEvents")).generate(REQUESTS);

        AtomicIntegerArray statuses = new AtomicIntegerArray(600);
        ConcurrentLinkedQueue<String> serverErrors = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<String> acceptedAttacks = new ConcurrentLinkedQueue<>();
        AtomicInteger sent = new AtomicInteger();
        long started = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        Set<ModelFuzzer.Request> inFlight = ConcurrentHashMap.newKeySet();
        for (ModelFuzzer.Request request : requests) {
            pool.execute(() -> {
                inFlight.add(request);
                Answer answer = send(request);
                inFlight.remove(request);
                sent.incrementAndGet();
                statuses.incrementAndGet(Math.min(answer.status(), 599));
                if (answer.status() >= 500) {
                    serverErrors.add(answer.status() + " " + request + " -> " + answer.text());
                }
                String accepted = acceptedAttack(request, answer, victimsOfA, victimsOfB);
                if (accepted != null) {
                    acceptedAttacks.add(accepted + ": " + answer.status() + " " + request + " -> " + answer.text());
                }
            });
        }
        pool.shutdown();
        // An accepted event-stream request would never end: whatever is still open after the deadline is reported.
        if (!pool.awaitTermination(3, TimeUnit.MINUTES)) {
            inFlight.forEach(r -> serverErrors.add("still unanswered after 3 minutes: " + r));
            pool.shutdownNow();
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        System.out.printf("HostileInputFuzzTest: set-up and generation took %.1f s%n",
                Duration.ofNanos(started - setUp).toMillis() / 1000.0);
        Map<Integer, Integer> mix = new TreeMap<>();
        for (int s = 0; s < 600; s++) {
            if (statuses.get(s) > 0) mix.put(s, statuses.get(s));
        }
        System.out.printf("HostileInputFuzzTest: %d requests in %.1f s, statuses %s, %d retried after a"
                + " connection closed without an answer, seed %d%n", sent.get(), took.toMillis() / 1000.0, mix,
                retried.get(), seed);

        SoftAssertions.assertSoftly(soft -> {
            soft.assertThat(sent.get()).isGreaterThanOrEqualTo(10_000);
            soft.assertThat(first(serverErrors)).as("%d 5xx answers or none at all (seed %d), the first",
                    serverErrors.size(), seed).isEmpty();
            soft.assertThat(first(acceptedAttacks)).as("%d accepted attacks (seed %d), the first",
                    acceptedAttacks.size(), seed).isEmpty();
            soft.assertThat(snapshot(victimsOfA, victimsOfB)).as("the sessions that existed before (seed %d)", seed)
                    .isEqualTo(before);
        });
    }

    private static List<String> first(ConcurrentLinkedQueue<String> failures) {
        return failures.stream().limit(20).map(f -> f.length() > 600 ? f.substring(0, 600) + "..." : f).toList();
    }

    // --- sending

    record Answer(int status, String text) {}

    private final AtomicInteger retried = new AtomicInteger();

    /**
     * Sends a request; a connection that closes without any answer is retried once on another (a
     * pooled keep-alive connection the server has just closed looks the same to the client). A
     * body over the limit may be refused by closing the connection after the 413 while the client is
     * still sending it: that is answered as status 0, not as a failure.
     */
    private Answer send(ModelFuzzer.Request r) {
        Answer answer = sendOnce(r);
        if (answer.status() == 599 && r.body().length > 1_048_576) {
            return new Answer(0, answer.text());
        }
        if (answer.status() == 599) {
            retried.incrementAndGet();
            System.out.println("HostileInputFuzzTest: retrying " + r + " after " + answer.text());
            return sendOnce(r);
        }
        return answer;
    }

    private Answer sendOnce(ModelFuzzer.Request r) {
        try {
            if (r.auth() == Auth.RAW) {
                RawHttp.Response response = RawHttp.to(endpoint()).sendBytes(r.raw());
                return new Answer(response.status(), response.text());
            }
            SignedHttp http = SignedHttp.to(endpoint()).as(KEY_A, SECRET_A);
            SignedHttp.Response response = switch (r.auth()) {
                case OWN, CROSS_ACCOUNT -> ("B".equals(r.signer()) ? http.as(KEY_B, SECRET_B) : http)
                        .send(r.method(), r.pathAndQuery(), r.body(), r.headers());
                case TAMPERED_BODY -> http.sendTampered(r.method(), r.pathAndQuery(),
                        r.body().length == 0 ? "{}".getBytes(StandardCharsets.UTF_8) : new byte[0], r.body());
                case STALE -> http.withClock(Clock.offset(Clock.systemUTC(), Duration.ofMinutes(-20)))
                        .send(r.method(), r.pathAndQuery(), r.body(), r.headers());
                case UNKNOWN_KEY -> http.as("AKIAFUZZUNKNOWN00001", SECRET_A)
                        .send(r.method(), r.pathAndQuery(), r.body(), r.headers());
                case WRONG_SECRET -> http.as(KEY_A, SECRET_B)
                        .send(r.method(), r.pathAndQuery(), r.body(), r.headers());
                case OTHER_SERVICE -> http.withService("s3")
                        .send(r.method(), r.pathAndQuery(), r.body(), r.headers());
                case MISSING, GARBAGE_AUTHORIZATION, BAD_BASIC, RAW ->
                        SignedHttp.sendUnsigned(endpoint(), r.method(), r.pathAndQuery(), r.body(), r.headers());
            };
            return new Answer(response.status(), response.text());
        } catch (UncheckedIOException e) {
            // No answer at all is not a 4xx either.
            return new Answer(599, "no answer: " + e.getCause());
        }
    }

    /** Why an answer is an accepted attack, or null. */
    private static String acceptedAttack(ModelFuzzer.Request r, Answer answer, Victims victimsOfA, Victims victimsOfB) {
        if (answer.status() == 0) {
            // Closed while an over-limit body was still being sent (see send): refused, nothing read.
            // Whether anything changed anyway is what the victims' snapshot at the end checks.
            return null;
        }
        boolean success = answer.status() >= 200 && answer.status() < 300;
        if (r.auth() != Auth.OWN && r.auth() != Auth.CROSS_ACCOUNT && answer.status() < 400) {
            return "succeeded without a valid signature";
        }
        boolean read = "GET".equals(r.method()) || "HEAD".equals(r.method());
        // A read ignores the body: a write's body turned into a GET (the method mutated) names its
        // victims where no operation reads them, and what it answers is checked below. A read that
        // names a victim in its path or query and succeeds is an attack.
        List<String> named = read
                ? r.victimIds().stream().filter(r.pathAndQuery()::contains).toList()
                : r.victimIds();
        if (r.auth() == Auth.CROSS_ACCOUNT && success && !named.isEmpty()) {
            return "succeeded on the other account's resource " + named;
        }
        if (success && read) {
            Victims others = "B".equals(r.signer()) ? victimsOfA : victimsOfB;
            for (String id : others.reads()) {
                if (answer.text().contains(id)) {
                    return "read the other account's " + id;
                }
            }
        }
        return null;
    }

    // --- the resources: the fuzz's own, and the victims that must not change

    private Ids own(ChimeSdkVoiceClient client) {
        List<String> pool = numbers("+1206555", 9900, 4);
        String vc = connector(client, "fuzz-own", pool);
        List<String> sessions = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            List<String> people = numbers("+1212555", 9900 + 2 * i, 2);
            sessions.add(client.createProxySession(r -> r.voiceConnectorId(vc).participantPhoneNumbers(people)
                    .capabilities(Capability.VOICE, Capability.SMS)).proxySession().proxySessionId());
        }
        List<String> e164 = new ArrayList<>(pool);
        e164.addAll(numbers("+1212555", 9900, 6));
        return new Ids(Map.of("voiceConnectorId", List.of(vc), "proxySessionId", sessions, "phoneNumberId", pool,
                "e164", e164));
    }

    /** A connector with a pool and three sessions, in numbers the generator never makes up (8000-8999). */
    private Victims victims(ChimeSdkVoiceClient client, String name, int base) {
        List<String> pool = numbers("+1206555", base, 3);
        String vc = connector(client, "victim-" + name, pool);
        List<String> sessions = new ArrayList<>();
        List<String> people = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            List<String> pair = numbers("+1212555", base + 2 * i, 2);
            people.addAll(pair);
            sessions.add(client.createProxySession(r -> r.voiceConnectorId(vc).participantPhoneNumbers(pair)
                    .capabilities(Capability.VOICE).name("victim " + name + " " + pair.get(0).substring(8)))
                    .proxySession().proxySessionId());
        }
        List<String> e164 = new ArrayList<>(pool);
        e164.addAll(people);
        List<String> reads = new ArrayList<>(List.of(vc));
        reads.addAll(sessions);
        reads.addAll(pool);
        return new Victims(new Ids(Map.of("voiceConnectorId", List.of(vc), "proxySessionId", sessions,
                "phoneNumberId", pool, "e164", e164)), reads);
    }

    private static String connector(ChimeSdkVoiceClient client, String name, List<String> pool) {
        String vc = client.createVoiceConnector(r -> r.name(name).requireEncryption(false)).voiceConnector()
                .voiceConnectorId();
        client.createPhoneNumberOrder(r -> r.productType(PhoneNumberProductType.VOICE_CONNECTOR).e164PhoneNumbers(pool));
        client.associatePhoneNumbersWithVoiceConnector(r -> r.voiceConnectorId(vc).e164PhoneNumbers(pool));
        client.putVoiceConnectorProxy(r -> r.voiceConnectorId(vc).defaultSessionExpiryMinutes(600)
                .phoneNumberPoolCountries("US"));
        return vc;
    }

    private static List<String> numbers(String prefix, int from, int count) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < count; i++) out.add(prefix + String.format("%04d", from + i));
        return out;
    }

    /** Every victim as its owner reads it on the wire: sessions, their list, connector, proxy configuration, numbers. */
    private Map<String, String> snapshot(Victims a, Victims b) {
        Map<String, String> state = new LinkedHashMap<>();
        read(state, SignedHttp.to(endpoint()).as(KEY_A, SECRET_A), a.ids());
        read(state, SignedHttp.to(endpoint()).as(KEY_B, SECRET_B), b.ids());
        return state;
    }

    private static void read(Map<String, String> state, SignedHttp owner, Ids ids) {
        String vc = ids.byKind().get("voiceConnectorId").get(0);
        List<String> paths = new ArrayList<>(List.of("/voice-connectors/" + vc,
                "/voice-connectors/" + vc + "/programmable-numbers/proxy", "/voice-connectors/" + vc + "/proxy-sessions"));
        for (String session : ids.byKind().get("proxySessionId")) {
            paths.add("/voice-connectors/" + vc + "/proxy-sessions/" + session);
        }
        for (String number : ids.byKind().get("phoneNumberId")) {
            paths.add("/phone-numbers/" + number.replace("+", "%2B"));
        }
        for (String path : paths) {
            SignedHttp.Response response = owner.get(path);
            state.put(path, response.status() + " " + (response.status() == 200 ? response.json() : response.text()));
        }
    }
}
