package io.proxyline.systemtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.proxyline.testing.AwsClients;
import io.proxyline.testing.TestCredentials;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.chimesdkvoice.ChimeSdkVoiceClient;
import software.amazon.awssdk.services.chimesdkvoice.model.BadRequestException;
import software.amazon.awssdk.services.chimesdkvoice.model.Capability;
import software.amazon.awssdk.services.chimesdkvoice.model.ListProxySessionsResponse;
import software.amazon.awssdk.services.chimesdkvoice.model.Participant;
import software.amazon.awssdk.services.chimesdkvoice.model.PhoneNumberOrderStatus;
import software.amazon.awssdk.services.chimesdkvoice.model.PhoneNumberProductType;
import software.amazon.awssdk.services.chimesdkvoice.model.ProxySession;
import software.amazon.awssdk.services.chimesdkvoice.model.ProxySessionStatus;

/**
 * Two command-service processes and one query-service over one MongoDB-wire server: concurrent
 * CreateProxySession requests, alternating between the two command-service instances, for
 * participants that overlap so the pool can satisfy only an exactly known number of them. The
 * connector is the consistency boundary (docs/design.md), so exactly that many succeed, whichever
 * instance each request reached, and the read model shows no participant holding a number twice.
 */
class TwoCommandInstancesConcurrencyTest {
    static final int POOL_SIZE = 4;
    static final int HUBS = 4;
    static final int PARTNERS_PER_HUB = 8;
    static final int ROUNDS = 3;

    @RegisterExtension
    static final Deployment deployment = new Deployment("two-command-instances");

    static int[] commandPorts = new int[2];
    static int queryPort;
    static final Map<Integer, AtomicInteger> httpStatuses = new ConcurrentHashMap<>();
    static final List<ChimeSdkVoiceClient> clients = new ArrayList<>();
    static ChimeSdkVoiceClient[] commandClients = new ChimeSdkVoiceClient[2];
    static ChimeSdkVoiceClient queryClient;

    @BeforeAll
    static void start() {
        String mongoUri = deployment.startMongo();
        commandPorts[0] = Reactor.freePort();
        do {
            commandPorts[1] = Reactor.freePort();
        } while (commandPorts[1] == commandPorts[0]);
        do {
            queryPort = Reactor.freePort();
        } while (queryPort == commandPorts[0] || queryPort == commandPorts[1]);
        Map<String, String> environment = ServiceEnvironment.split(mongoUri);
        ManagedProcess c1 = deployment.startService("command-service-1", Reactor.commandServiceJar(),
                commandPorts[0], environment);
        ManagedProcess c2 = deployment.startService("command-service-2", Reactor.commandServiceJar(),
                commandPorts[1], environment);
        ManagedProcess q = deployment.startService("query-service", Reactor.queryServiceJar(), queryPort,
                new HashMap<>(environment));
        Deployment.awaitHealthy(c1, commandPorts[0]);
        Deployment.awaitHealthy(c2, commandPorts[1]);
        Deployment.awaitHealthy(q, queryPort);
        for (int i = 0; i < 2; i++) {
            commandClients[i] = countingClient(URI.create("http://127.0.0.1:" + commandPorts[i]));
        }
        queryClient = AwsClients.chimeSdkVoice(URI.create("http://127.0.0.1:" + queryPort));
        clients.add(queryClient);
    }

    /** The SDK's standard retries (a 503 is a legitimate "try again"), every HTTP answer counted. */
    static ChimeSdkVoiceClient countingClient(URI endpoint) {
        ExecutionInterceptor counter = new ExecutionInterceptor() {
            @Override
            public void afterTransmission(Context.AfterTransmission context, ExecutionAttributes attributes) {
                httpStatuses.computeIfAbsent(context.httpResponse().statusCode(), k -> new AtomicInteger())
                        .incrementAndGet();
            }
        };
        ChimeSdkVoiceClient client = ChimeSdkVoiceClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                        TestCredentials.ACCESS_KEY_ID, TestCredentials.SECRET_ACCESS_KEY)))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(ClientOverrideConfiguration.builder()
                        .retryStrategy(AwsRetryStrategy.standardRetryStrategy())
                        .addExecutionInterceptor(counter)
                        .build())
                .build();
        clients.add(client);
        return client;
    }

    @AfterAll
    static void closeClients() {
        clients.forEach(ChimeSdkVoiceClient::close);
    }

    @Test
    void exactlyThePoolsCapacityIsAllocatedAcrossTwoInstances() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            runRound(round);
        }
    }

    private void runRound(int round) throws Exception {
        List<String> pool = new ArrayList<>();
        for (int i = 0; i < POOL_SIZE; i++) {
            pool.add(String.format("+12065550%d%02d", round + 1, i));
        }
        ChimeSdkVoiceClient setup = commandClients[round % 2];
        String vc = setup.createVoiceConnector(r -> r.name("concurrency-" + System.nanoTime()).requireEncryption(false))
                .voiceConnector().voiceConnectorId();
        var order = setup.createPhoneNumberOrder(r -> r.productType(PhoneNumberProductType.VOICE_CONNECTOR)
                .e164PhoneNumbers(pool)).phoneNumberOrder();
        assertThat(order.status()).isEqualTo(PhoneNumberOrderStatus.SUCCESSFUL);
        assertThat(setup.associatePhoneNumbersWithVoiceConnector(r -> r.voiceConnectorId(vc).e164PhoneNumbers(pool))
                .phoneNumberErrors()).isEmpty();
        setup.putVoiceConnectorProxy(r -> r.voiceConnectorId(vc).phoneNumberPoolCountries("US")
                .defaultSessionExpiryMinutes(60));

        // HUBS hub participants, each paired with PARTNERS_PER_HUB distinct partners seen nowhere else.
        // Hubs never meet each other, so each hub is limited only by the pool: exactly POOL_SIZE of its
        // requests can succeed (any number free for the hub is free for its fresh partner).
        List<List<String>> requests = new ArrayList<>();
        for (int j = 0; j < PARTNERS_PER_HUB; j++) {
            for (int h = 0; h < HUBS; h++) {
                String hub = String.format("+1212555%04d", round * 100 + h + 1);
                String partner = String.format("+1312555%04d", round * 1000 + h * 100 + j + 1);
                requests.add(List.of(hub, partner));
            }
        }
        int expectedSuccesses = HUBS * Math.min(POOL_SIZE, PARTNERS_PER_HUB);

        httpStatuses.clear(); // from here on: the concurrent creates only
        ExecutorService executor = Executors.newFixedThreadPool(requests.size());
        CountDownLatch ready = new CountDownLatch(requests.size());
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Object>> results = new ArrayList<>();
        long[] answeredAt = new long[requests.size()];
        try {
            for (int i = 0; i < requests.size(); i++) {
                int index = i;
                List<String> people = requests.get(i);
                // Alternate per hub too, so every hub's requests are split between the two instances.
                ChimeSdkVoiceClient client = commandClients[instanceOf(i)];
                results.add(executor.submit(() -> {
                    ready.countDown();
                    go.await();
                    try {
                        return client.createProxySession(r -> r.voiceConnectorId(vc).participantPhoneNumbers(people)
                                .capabilities(Capability.VOICE, Capability.SMS)).proxySession();
                    } catch (Exception e) {
                        return e;
                    } finally {
                        answeredAt[index] = System.nanoTime();
                    }
                }));
            }
            assertThat(ready.await(30, TimeUnit.SECONDS)).isTrue();
            long started = System.nanoTime();
            go.countDown();
            List<ProxySession> created = new ArrayList<>();
            Map<String, Integer> failures = new HashMap<>();
            int[] perInstance = new int[2];
            for (int i = 0; i < results.size(); i++) {
                Object result = results.get(i).get(120, TimeUnit.SECONDS);
                if (result instanceof ProxySession session) {
                    created.add(session);
                    perInstance[instanceOf(i)]++;
                } else {
                    Exception e = (Exception) result;
                    String message = String.valueOf(e.getMessage()).replaceAll(", Request ID: [^)]*", "");
                    failures.merge(e.getClass().getSimpleName() + ": " + message, 1, Integer::sum);
                }
            }
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            // When each instance's answers came, ms after the release: [first, last] of its 201s and 400s.
            Map<String, long[]> spans = new java.util.TreeMap<>();
            for (int i = 0; i < results.size(); i++) {
                String key = "instance " + (instanceOf(i) + 1) + (results.get(i).get() instanceof ProxySession
                        ? " created" : " failed");
                long at = TimeUnit.NANOSECONDS.toMillis(answeredAt[i] - started);
                spans.merge(key, new long[] {at, at}, (a, b) -> new long[] {Math.min(a[0], b[0]), Math.max(a[1], b[1])});
            }
            StringBuilder timing = new StringBuilder();
            spans.forEach((k, v) -> timing.append(k).append(" ").append(v[0]).append("..").append(v[1]).append(" ms; "));
            System.out.printf("[round %d] answer times: %s%n", round, timing);
            System.out.printf("[round %d] %d requests in %d ms: %d created (instance 1: %d, instance 2: %d), "
                            + "failures %s, HTTP answers %s%n", round, requests.size(), millis, created.size(),
                    perInstance[0], perInstance[1], failures, httpStatuses);

            assertThat(created).as("creates that succeeded; failures: %s", failures).hasSize(expectedSuccesses);
            for (int i = 0; i < results.size(); i++) {
                Object result = results.get(i).get();
                if (!(result instanceof ProxySession)) {
                    assertThat(result).as("request %d %s", i, requests.get(i)).isInstanceOf(BadRequestException.class);
                }
            }
            for (ProxySession session : created) {
                assertThat(session.participants()).hasSize(2);
                assertThat(session.participants().get(0).proxyPhoneNumber()).isIn(pool)
                        .isEqualTo(session.participants().get(1).proxyPhoneNumber());
            }
            assertInvariant(created, "the create responses");

            // The read model, through query-service: all of them, and the invariant there too.
            List<String> ids = created.stream().map(ProxySession::proxySessionId).toList();
            List<ProxySession> listed = new ArrayList<>();
            await("query-service lists all " + ids.size() + " sessions").atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
                        List<ProxySession> all = listAll(vc);
                        assertThat(all).extracting(ProxySession::proxySessionId).containsExactlyInAnyOrderElementsOf(ids);
                        listed.clear();
                        listed.addAll(all);
                    });
            List<ProxySession> active = listed.stream().filter(s -> s.status() == ProxySessionStatus.OPEN).toList();
            assertThat(active).hasSize(expectedSuccesses);
            for (ProxySession session : listed) {
                assertThat(session.participants()).hasSize(2);
                assertThat(session.participants().get(0).proxyPhoneNumber())
                        .isEqualTo(session.participants().get(1).proxyPhoneNumber());
            }
            assertInvariant(active, "ListProxySessions");
        } finally {
            executor.shutdownNow();
        }
    }

    /** Request i (partner i / HUBS of hub i % HUBS) goes to instance (partner + hub) mod 2. */
    private static int instanceOf(int i) {
        return (i / HUBS + i % HUBS) % 2;
    }

    private static List<ProxySession> listAll(String vc) {
        List<ProxySession> all = new ArrayList<>();
        String token = null;
        int pages = 0;
        do {
            String next = token;
            ListProxySessionsResponse page = queryClient.listProxySessions(r -> r.voiceConnectorId(vc).maxResults(5)
                    .nextToken(next));
            all.addAll(page.proxySessions());
            token = page.nextToken();
            assertThat(++pages).as("pages").isLessThan(100);
        } while (token != null);
        return all;
    }

    /** No participant holds the same proxy number twice among the sessions. */
    private static void assertInvariant(List<ProxySession> sessions, String where) {
        Map<String, String> holder = new HashMap<>();
        for (ProxySession session : sessions) {
            for (Participant participant : session.participants()) {
                String key = participant.phoneNumber() + " @ " + participant.proxyPhoneNumber();
                String previous = holder.put(key, session.proxySessionId());
                assertThat(previous).as("%s: %s held by sessions %s and %s", where, key, previous,
                        session.proxySessionId()).isNull();
            }
        }
    }
}
