package io.proxyline.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class WebhookSecretsTest {
    static final String KEY = "a-signing-key-of-at-least-32-characters!";

    @Test
    void secretsAreDerivedPerSubscriptionAndStableForOneKey() {
        WebhookSecrets secrets = WebhookSecrets.of(KEY);
        String s1 = secrets.secretOf("sub-1");
        assertThat(s1).startsWith("whsec_");
        assertThat(Base64.getDecoder().decode(s1.substring(6))).hasSize(32);
        assertThat(WebhookSecrets.of(KEY).secretOf("sub-1")).isEqualTo(s1);
        assertThat(secrets.secretOf("sub-2")).isNotEqualTo(s1);
        assertThat(WebhookSecrets.of(KEY + "x").secretOf("sub-1")).isNotEqualTo(s1);
    }

    /** The Standard Webhooks test vector (standard-webhooks spec): this secret, id, timestamp and body. */
    @Test
    void signaturesMatchTheStandardWebhooksTestVector() {
        String secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
        byte[] body = "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8);
        assertThat(WebhookSecrets.signature(secret, "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, body))
                .isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
    }

    @Test
    void withoutAKeyNothingIsDerived() {
        assertThat(WebhookSecrets.disabled().enabled()).isFalse();
        assertThatThrownBy(() -> WebhookSecrets.disabled().secretOf("s")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aShortConfiguredKeyIsRefusedAtStartup() {
        assertThatThrownBy(() -> new WebhookProperties("too-short", false, 10, true,
                java.time.Duration.ofSeconds(10), java.time.Duration.ofSeconds(1), java.time.Duration.ofMinutes(5),
                java.time.Duration.ofSeconds(15)))
                .hasMessageContaining("at least 32");
        assertThat(new WebhookProperties("  ", false, 10, true, java.time.Duration.ofSeconds(10),
                java.time.Duration.ofSeconds(1), java.time.Duration.ofMinutes(5), java.time.Duration.ofSeconds(15))
                .signingKey()).isNull();
    }

    @Test
    void theDevelopmentKeyIsGeneratedOnceAndKept() throws Exception {
        Path file = Files.createTempDirectory("webhook-key").resolve(WebhookSecrets.DEV_FILE_NAME);
        String first = WebhookSecrets.loadOrGenerate(file);
        assertThat(first.length()).isGreaterThanOrEqualTo(32);
        assertThat(WebhookSecrets.loadOrGenerate(file)).isEqualTo(first);
        Files.writeString(file, "short");
        assertThatThrownBy(() -> WebhookSecrets.loadOrGenerate(file)).hasMessageContaining("delete it");
    }
}
