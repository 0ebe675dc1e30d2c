package io.proxyline.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.retry.RetryPolicy;
import software.amazon.awssdk.core.retry.backoff.FixedDelayBackoffStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.chimesdkvoice.ChimeSdkVoiceClient;
import software.amazon.awssdk.services.chimesdkvoice.model.Capability;
import software.amazon.awssdk.services.chimesdkvoice.model.ChimeSdkVoiceException;
import software.amazon.awssdk.services.chimesdkvoice.model.ProxySession;

/**
 * Read-after-write under overload: with the projection backlog limit at zero, concurrent creates
 * outrun the projections, so some are refused with 503 ServiceUnavailable before anything is
 * recorded, and every create that was acknowledged is readable at once.
 */
class WriteSheddingFlowTest extends StandaloneTestBase {
    @DynamicPropertySource
    static void shedEarly(DynamicPropertyRegistry registry) {
        registry.add("proxyline.query.max-projection-backlog", () -> "0");
    }

    @Test
    void writesBeyondTheBacklogAreRefusedWith503AndEveryAcknowledgedCreateIsReadable() throws Exception {
        ChimeSdkVoiceClient patient = ChimeSdkVoiceClient.builder()
                .endpointOverride(endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(KEY_A, SECRET_A)))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(c -> c.retryPolicy(RetryPolicy.builder().numRetries(100)
                        .backoffStrategy(FixedDelayBackoffStrategy.create(Duration.ofMillis(10)))
                        .throttlingBackoffStrategy(FixedDelayBackoffStrategy.create(Duration.ofMillis(10))).build()))
                .build();
        String vc = ProxySessionFlowTest.connectorWithPool(patient, ProxySessionFlowTest.numbers(2));
        ChimeSdkVoiceClient impatient = ChimeSdkVoiceClient.builder()
                .endpointOverride(endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(KEY_A, SECRET_A)))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(c -> c.retryPolicy(RetryPolicy.none()))
                .build();

        List<String> acknowledged = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger shed = new AtomicInteger();
        List<String> otherErrors = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(16);
        List<Future<?>> clients = new ArrayList<>();
        for (int t = 0; t < 16; t++) {
            clients.add(pool.submit(() -> {
                for (int i = 0; i < 25; i++) {
                    List<String> people = ProxySessionFlowTest.participants(2);
                    try {
                        acknowledged.add(impatient.createProxySession(r -> r.voiceConnectorId(vc)
                                .participantPhoneNumbers(people).capabilities(Capability.VOICE))
                                .proxySession().proxySessionId());
                    } catch (ChimeSdkVoiceException e) {
                        if (e.statusCode() == 503 && "ServiceUnavailableException".equals(e.awsErrorDetails().errorCode())) {
                            shed.incrementAndGet();
                        } else {
                            otherErrors.add(e.statusCode() + " " + e.awsErrorDetails().errorCode());
                        }
                    }
                }
            }));
        }
        for (Future<?> c : clients) c.get();
        pool.shutdown();

        System.out.printf("WriteSheddingFlowTest: %d creates acknowledged, %d refused with 503%n",
                acknowledged.size(), shed.get());
        assertThat(otherErrors).isEmpty();
        assertThat(shed.get()).as("creates refused with 503").isPositive();
        assertThat(acknowledged).as("creates acknowledged").isNotEmpty().hasSize(400 - shed.get());
        for (String id : acknowledged) {
            ProxySession read = impatient.getProxySession(r -> r.voiceConnectorId(vc).proxySessionId(id)).proxySession();
            assertThat(read.proxySessionId()).isEqualTo(id);
        }
        // A refused create recorded nothing.
        List<String> listed = new ArrayList<>();
        patient.listProxySessionsPaginator(r -> r.voiceConnectorId(vc))
                .forEach(page -> page.proxySessions().forEach(s -> listed.add(s.proxySessionId())));
        assertThat(listed).containsExactlyInAnyOrderElementsOf(acknowledged);
    }
}
