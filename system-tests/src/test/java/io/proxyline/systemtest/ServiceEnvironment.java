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

    private ServiceEnvironment() {}

    /** Both test accounts of {@link TestCredentials}, and the shared MongoDB. */
    static Map<String, String> split(String mongoUri) {
        return Map.of(
                MONGO_URI, mongoUri,
                ACCESS_KEY_ID, TestCredentials.ACCESS_KEY_ID,
                SECRET_ACCESS_KEY, TestCredentials.SECRET_ACCESS_KEY,
                ACCOUNT_ID, TestCredentials.ACCOUNT_ID,
                "PROXYLINE_CREDENTIALS_1_ACCESS_KEY_ID", TestCredentials.OTHER_ACCESS_KEY_ID,
                "PROXYLINE_CREDENTIALS_1_SECRET_ACCESS_KEY", TestCredentials.OTHER_SECRET_ACCESS_KEY,
                "PROXYLINE_CREDENTIALS_1_ACCOUNT_ID", TestCredentials.OTHER_ACCOUNT_ID);
    }
}
