package io.proxyline.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.proxyline.testing.SignedHttp;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.test.context.TestPropertySource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.chime.ChimeClient;
import software.amazon.awssdk.services.chimesdkvoice.model.ThrottledClientException;

/**
 * Per-account throttling on the whole app with a small configured limit (burst 3, then one request
 * per second): a burst from one account gets 429 in the AWS shape while the other account's
 * requests pass; the AWS SDK clients of both namespaces retry and then raise their
 * ThrottledClientException.
 */
// The burst test counts from a full bucket; the SDK test leaves account A's bucket empty.
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@TestPropertySource(properties = {"proxyline.rate-limit.requests-per-second=1", "proxyline.rate-limit.burst=3"})
class ThrottlingFlowTest extends StandaloneTestBase {
    static final String READ = "/voice-connectors?max-results=1";

    @Test
    @Order(1)
    void aBurstFromOneAccountIsThrottledInTheAwsShapeAndTheOtherAccountIsNot() {
        SignedHttp a = SignedHttp.to(endpoint()).as(KEY_A, SECRET_A);
        SignedHttp b = SignedHttp.to(endpoint()).as(KEY_B, SECRET_B);
        List<SignedHttp.Response> burst = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            burst.add(a.get(READ));
        }
        long passed = burst.stream().filter(r -> r.status() == 200).count();
        long throttled = burst.stream().filter(r -> r.status() == 429).count();
        assertThat(passed + throttled).isEqualTo(10);
        // The burst of 3, and perhaps one token refilled while the ten were sent.
        assertThat(passed).isBetween(3L, 4L);

        SignedHttp.Response refused = burst.get(burst.size() - 1);
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.header("x-amzn-ErrorType")).contains("ThrottledClientException");
        assertThat(refused.header("x-amzn-RequestId")).get().asString().matches("[0-9a-f-]{36}");
        assertThat(refused.header("Content-Type")).get().asString().startsWith("application/json");
        assertThat(refused.header("Retry-After")).contains("1");
        assertThat(refused.json().path("Code").asText()).isEqualTo("ThrottledClient");
        assertThat(refused.json().path("Message").asText())
                .isEqualTo("Rate exceeded: account " + ACCOUNT_A + " is limited to 1 requests per second (burst 3)");

        for (int i = 0; i < 3; i++) {
            assertThat(b.get(READ).status()).as("the other account's own bucket").isEqualTo(200);
        }
    }

    @Test
    @Order(2)
    void theSdkClientsOfBothNamespacesRetryAndThenRaiseThrottledClientException() throws Exception {
        SignedHttp a = SignedHttp.to(endpoint()).as(KEY_A, SECRET_A);
        // Keeps account A's bucket empty, so every retry of the SDK finds it empty too.
        AtomicBoolean draining = new AtomicBoolean(true);
        Thread drain = new Thread(() -> {
            while (draining.get()) {
                a.get(READ);
            }
        });
        drain.start();
        try (ChimeClient legacy = legacy(KEY_A, SECRET_A)) {
            ThrottledClientException voice = catchThrowableOfType(ThrottledClientException.class,
                    () -> alice.listVoiceConnectors(r -> r.maxResults(1)));
            assertThat(voice).isNotNull();
            assertThat(voice.statusCode()).isEqualTo(429);
            assertThat(voice.awsErrorDetails().errorCode()).isEqualTo("ThrottledClientException");
            assertThat(voice.numAttempts()).as("the standard retry mode's attempts").isEqualTo(3);

            software.amazon.awssdk.services.chime.model.ThrottledClientException chime = catchThrowableOfType(
                    software.amazon.awssdk.services.chime.model.ThrottledClientException.class,
                    () -> legacy.listPhoneNumbers(r -> r.maxResults(1)));
            assertThat(chime).isNotNull();
            assertThat(((SdkServiceException) chime).statusCode()).isEqualTo(429);
            assertThat(chime.numAttempts()).isEqualTo(3);

            assertThat(bob.listVoiceConnectors(r -> r.maxResults(1)).sdkHttpResponse().statusCode())
                    .as("the other account meanwhile").isEqualTo(200);
        } finally {
            draining.set(false);
            drain.join();
        }
    }

    ChimeClient legacy(String key, String secret) {
        return ChimeClient.builder()
                .endpointOverride(endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(key, secret)))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(c -> c.retryStrategy(RetryMode.STANDARD))
                .build();
    }
}
