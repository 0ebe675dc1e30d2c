package io.proxyline.web;

import java.nio.file.Path;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The web layer's settings, under {@code proxyline.*}.
 *
 * <pre>
 * proxyline:
 *   credentials:                      # SigV4 credentials: access key -> secret -> account
 *     - access-key-id: AKIAIOSFODNN7EXAMPLE
 *       secret-access-key: ${SECRET_FROM_ENVIRONMENT}
 *       account-id: "111122223333"     # 12 digits
 *   credentials-file: /run/secrets/proxyline-credentials   # optional, format in CredentialStore
 *   hook-credentials:                 # HTTP Basic credentials for the routing hook only (see HookCredentials)
 *     - key-id: HOOKEXAMPLE1
 *       secret: ${HOOK_SECRET_FROM_ENVIRONMENT}   # at least 20 printable characters
 *       account-id: "111122223333"
 *   data-dir: ./data                  # where generated development credentials are kept
 *   dev-credentials:
 *     generate: false                 # true: with no credentials configured, generate one pair
 *     account-id: "123456789012"
 *   rate-limit:
 *     enabled: true
 *     requests-per-second: 2000       # per account, sustained
 *     burst: 4000                     # per account, bucket capacity
 * </pre>
 */
@ConfigurationProperties("proxyline")
public record ProxylineProperties(
        @DefaultValue List<AccessKey> credentials,
        Path credentialsFile,
        @DefaultValue List<HookCredential> hookCredentials,
        @DefaultValue("./data") Path dataDir,
        @DefaultValue DevCredentials devCredentials,
        @DefaultValue RateLimit rateLimit) {

    public record DevCredentials(@DefaultValue("false") boolean generate,
                                 @DefaultValue("123456789012") String accountId) {}

    public record RateLimit(@DefaultValue("true") boolean enabled,
                            @DefaultValue("2000") long requestsPerSecond,
                            @DefaultValue("4000") long burst) {
        public RateLimit {
            if (requestsPerSecond < 1 || burst < 1) {
                throw new IllegalArgumentException(
                        "proxyline.rate-limit.requests-per-second and burst must be at least 1");
            }
        }
    }
}
