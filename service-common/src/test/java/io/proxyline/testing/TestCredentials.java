package io.proxyline.testing;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Two fixed test credentials in two accounts, for services under test and the clients that call
 * them. Use the property constants in {@code @SpringBootTest(properties = …)} or
 * {@link #register(DynamicPropertyRegistry)} from a {@code @DynamicPropertySource} method.
 */
public final class TestCredentials {
    public static final String ACCESS_KEY_ID = "AKIAPROXYLINETEST001";
    public static final String SECRET_ACCESS_KEY = "pRoXyLiNeTeStSeCrEt/0001+abcdefghijklmno";
    public static final String ACCOUNT_ID = "111122223333";

    public static final String OTHER_ACCESS_KEY_ID = "AKIAPROXYLINETEST002";
    public static final String OTHER_SECRET_ACCESS_KEY = "pRoXyLiNeTeStSeCrEt/0002+abcdefghijklmno";
    public static final String OTHER_ACCOUNT_ID = "444455556666";

    public static final String ACCESS_KEY_PROPERTY = "proxyline.credentials[0].access-key-id=" + ACCESS_KEY_ID;
    public static final String SECRET_PROPERTY = "proxyline.credentials[0].secret-access-key=" + SECRET_ACCESS_KEY;
    public static final String ACCOUNT_PROPERTY = "proxyline.credentials[0].account-id=" + ACCOUNT_ID;
    public static final String OTHER_ACCESS_KEY_PROPERTY = "proxyline.credentials[1].access-key-id=" + OTHER_ACCESS_KEY_ID;
    public static final String OTHER_SECRET_PROPERTY = "proxyline.credentials[1].secret-access-key=" + OTHER_SECRET_ACCESS_KEY;
    public static final String OTHER_ACCOUNT_PROPERTY = "proxyline.credentials[1].account-id=" + OTHER_ACCOUNT_ID;

    /** A routing-hook credential (HTTP Basic) of the first account. */
    public static final String HOOK_KEY_ID = "HOOKPROXYLINETEST001";
    public static final String HOOK_SECRET = "hookTestSecret-0001-abcdefghijklmno";
    public static final String HOOK_KEY_PROPERTY = "proxyline.hook-credentials[0].key-id=" + HOOK_KEY_ID;
    public static final String HOOK_SECRET_PROPERTY = "proxyline.hook-credentials[0].secret=" + HOOK_SECRET;
    public static final String HOOK_ACCOUNT_PROPERTY = "proxyline.hook-credentials[0].account-id=" + ACCOUNT_ID;

    private TestCredentials() {}

    /** Configures both credentials on a Spring test context. */
    public static void register(DynamicPropertyRegistry registry) {
        registry.add("proxyline.credentials[0].access-key-id", () -> ACCESS_KEY_ID);
        registry.add("proxyline.credentials[0].secret-access-key", () -> SECRET_ACCESS_KEY);
        registry.add("proxyline.credentials[0].account-id", () -> ACCOUNT_ID);
        registry.add("proxyline.credentials[1].access-key-id", () -> OTHER_ACCESS_KEY_ID);
        registry.add("proxyline.credentials[1].secret-access-key", () -> OTHER_SECRET_ACCESS_KEY);
        registry.add("proxyline.credentials[1].account-id", () -> OTHER_ACCOUNT_ID);
        registry.add("proxyline.hook-credentials[0].key-id", () -> HOOK_KEY_ID);
        registry.add("proxyline.hook-credentials[0].secret", () -> HOOK_SECRET);
        registry.add("proxyline.hook-credentials[0].account-id", () -> ACCOUNT_ID);
    }
}
