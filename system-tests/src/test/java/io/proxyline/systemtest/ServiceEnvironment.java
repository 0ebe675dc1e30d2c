package io.proxyline.systemtest;

import io.proxyline.testing.TestCredentials;
import java.util.Map;

/**
 * How the services are configured in the split deployment: environment variables with the names
 * docker-compose.yml uses (ComposeFileTest holds compose to these names), so the tests start the
 * jars the way the containers start them.
 */
final class ServiceEnvironment {
    static final String MONGO_URI = "PROXYLINE_MONGO_URI";
    static final String ACCESS_KEY_ID = "PROXYLINE_CREDENTIALS_0_ACCESS_KEY_ID";
    static final String SECRET_ACCESS_KEY = "PROXYLINE_CREDENTIALS_0_SECRET_ACCESS_KEY";
    static final String ACCOUNT_ID = "PROXYLINE_CREDENTIALS_0_ACCOUNT_ID";
    static final String HOOK_KEY_ID = "PROXYLINE_HOOK_CREDENTIALS_0_KEY_ID";
    static final String HOOK_SECRET = "PROXYLINE_HOOK_CREDENTIALS_0_SECRET";
    static final String HOOK_ACCOUNT_ID = "PROXYLINE_HOOK_CREDENTIALS_0_ACCOUNT_ID";
    static final String WEBHOOKS_SIGNING_KEY = "PROXYLINE_WEBHOOKS_SIGNING_KEY";
    static final String TEST_WEBHOOKS_SIGNING_KEY = "split-test-webhook-signing-key-0000000001";

    private ServiceEnvironment() {}

    /**
     * Both test accounts of {@link TestCredentials}, the first one's hook credential, one webhook
     * signing key for both services, and the shared MongoDB. Webhook receivers run on this machine,
     * so private addresses are allowed (compose leaves that off).
     */
    static Map<String, String> split(String mongoUri) {
        return Map.ofEntries(Map.entry(HOOK_KEY_ID, TestCredentials.HOOK_KEY_ID),
                Map.entry(WEBHOOKS_SIGNING_KEY, TEST_WEBHOOKS_SIGNING_KEY),
                Map.entry("PROXYLINE_WEBHOOKS_ALLOW_PRIVATE_ADDRESSES", "true"),
                // Keep-alives often enough that the edge test sees them pass nginx unbuffered.
                Map.entry("PROXYLINE_EVENTS_KEEP_ALIVE", "300ms"),
                Map.entry(HOOK_SECRET, TestCredentials.HOOK_SECRET),
                Map.entry(HOOK_ACCOUNT_ID, TestCredentials.ACCOUNT_ID),
                Map.entry(MONGO_URI, mongoUri),
                Map.entry(ACCESS_KEY_ID, TestCredentials.ACCESS_KEY_ID),
                Map.entry(SECRET_ACCESS_KEY, TestCredentials.SECRET_ACCESS_KEY),
                Map.entry(ACCOUNT_ID, TestCredentials.ACCOUNT_ID),
                Map.entry("PROXYLINE_CREDENTIALS_1_ACCESS_KEY_ID", TestCredentials.OTHER_ACCESS_KEY_ID),
                Map.entry("PROXYLINE_CREDENTIALS_1_SECRET_ACCESS_KEY", TestCredentials.OTHER_SECRET_ACCESS_KEY),
                Map.entry("PROXYLINE_CREDENTIALS_1_ACCOUNT_ID", TestCredentials.OTHER_ACCOUNT_ID));
    }
}
