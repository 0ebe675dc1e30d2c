package io.proxyline.standalone;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.chimesdkvoice.ChimeSdkVoiceClient;

/** The whole standalone app on a random port, embedded stores in a fresh directory, two accounts. */
@SpringBootTest(classes = ProxylineStandalone.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class StandaloneTestBase {
    static final String KEY_A = "AKIAALICE00000000001", SECRET_A = "alice-secret-0000000000000000000000000001";
    static final String KEY_B = "AKIABOB0000000000002", SECRET_B = "bob-secret-00000000000000000000000000002";
    static final String ACCOUNT_A = "111111111111", ACCOUNT_B = "222222222222";
    /** Routing-hook credentials (HTTP Basic), one per account. */
    static final String HOOK_A = "HOOKALICE0001", HOOK_SECRET_A = "alice-hook-secret-000000000000001";
    static final String HOOK_B = "HOOKBOB000002", HOOK_SECRET_B = "bob-hook-secret-00000000000000002";

    static final String WEBHOOK_SIGNING_KEY = "standalone-test-webhook-signing-key-000001";

    @LocalServerPort
    int port;

    ChimeSdkVoiceClient alice;
    ChimeSdkVoiceClient bob;

    @DynamicPropertySource
    static void stores(DynamicPropertyRegistry registry) throws IOException {
        Path dir = Files.createTempDirectory("proxyline-it");
        registry.add("proxyline.data-dir", dir::toString);
        registry.add("proxyline.embedded.backend", () -> "memory");
        registry.add("proxyline.credentials[0].access-key-id", () -> KEY_A);
        registry.add("proxyline.credentials[0].secret-access-key", () -> SECRET_A);
        registry.add("proxyline.credentials[0].account-id", () -> ACCOUNT_A);
        registry.add("proxyline.credentials[1].access-key-id", () -> KEY_B);
        registry.add("proxyline.credentials[1].secret-access-key", () -> SECRET_B);
        registry.add("proxyline.credentials[1].account-id", () -> ACCOUNT_B);
        registry.add("proxyline.hook-credentials[0].key-id", () -> HOOK_A);
        registry.add("proxyline.hook-credentials[0].secret", () -> HOOK_SECRET_A);
        registry.add("proxyline.hook-credentials[0].account-id", () -> ACCOUNT_A);
        registry.add("proxyline.hook-credentials[1].key-id", () -> HOOK_B);
        registry.add("proxyline.hook-credentials[1].secret", () -> HOOK_SECRET_B);
        registry.add("proxyline.hook-credentials[1].account-id", () -> ACCOUNT_B);
        registry.add("proxyline.webhooks.signing-key", () -> WEBHOOK_SIGNING_KEY);
    }

    @BeforeEach
    void clients() {
        alice = client(KEY_A, SECRET_A);
        bob = client(KEY_B, SECRET_B);
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    ChimeSdkVoiceClient client(String key, String secret) {
        return ChimeSdkVoiceClient.builder()
                .endpointOverride(endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(key, secret)))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(c -> c.retryStrategy(RetryMode.STANDARD))
                .build();
    }
}
