package io.proxyline.webhook;

import io.proxyline.web.CredentialStore;
import io.proxyline.web.ProxylineProperties;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Webhook signing secrets and signatures. A subscription's secret is derived from the
 * deployment's signing key and the subscription id (HMAC-SHA256), so no secret is ever written to
 * an event or a read model, the command side can return it once at creation, and the query side
 * can sign deliveries with it. Every instance must have the same signing key; changing it changes
 * every subscription's secret.
 *
 * <p>Signatures follow the Standard Webhooks scheme (standardwebhooks.com), so receivers may use
 * its libraries: secret {@code whsec_<base64 of 32 bytes>}; signed content
 * {@code <webhook-id>.<webhook-timestamp>.<body>}; header {@code webhook-signature: v1,<base64
 * HMAC-SHA256>} keyed with the secret's decoded bytes.
 */
public final class WebhookSecrets {
    public static final String SECRET_PREFIX = "whsec_";
    static final String DEV_FILE_NAME = "dev-webhook-signing-key";
    private static final String DERIVATION_LABEL = "proxyline-webhook-signing-secret:v1:";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final byte[] signingKey;

    WebhookSecrets(byte[] signingKey) {
        this.signingKey = signingKey == null ? null : signingKey.clone();
    }

    /** Without a signing key: subscriptions are refused and nothing is delivered. */
    public static WebhookSecrets disabled() {
        return new WebhookSecrets(null);
    }

    public static WebhookSecrets of(String signingKey) {
        return new WebhookSecrets(signingKey.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The configured key; with none and a generated development access key, one generated once
     * and kept in {@code ${proxyline.data-dir}/dev-webhook-signing-key}; otherwise disabled.
     */
    public static WebhookSecrets load(WebhookProperties webhooks, ProxylineProperties properties,
                                      CredentialStore store) {
        if (webhooks.signingKey() != null) {
            return of(webhooks.signingKey());
        }
        if (store.devCredential().isEmpty()) {
            return disabled();
        }
        return of(loadOrGenerate(properties.dataDir().resolve(DEV_FILE_NAME)));
    }

    public boolean enabled() {
        return signingKey != null;
    }

    /** The subscription's signing secret, {@code whsec_…}. */
    public String secretOf(String eventSubscriptionId) {
        if (signingKey == null) {
            throw new IllegalStateException("webhooks have no signing key");
        }
        byte[] derived = hmac(signingKey, (DERIVATION_LABEL + eventSubscriptionId).getBytes(StandardCharsets.UTF_8));
        return SECRET_PREFIX + Base64.getEncoder().encodeToString(derived);
    }

    /**
     * The {@code webhook-signature} header's value for one delivery attempt.
     *
     * @param secret a {@code whsec_…} secret
     * @param webhookId the {@code webhook-id} header (the CloudEvent's id)
     * @param timestamp the {@code webhook-timestamp} header, seconds since the epoch
     */
    public static String signature(String secret, String webhookId, long timestamp, byte[] body) {
        byte[] key = Base64.getDecoder().decode(secret.substring(SECRET_PREFIX.length()));
        byte[] prefix = (webhookId + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8);
        byte[] content = new byte[prefix.length + body.length];
        System.arraycopy(prefix, 0, content, 0, prefix.length);
        System.arraycopy(body, 0, content, prefix.length, body.length);
        return "v1," + Base64.getEncoder().encodeToString(hmac(key, content));
    }

    private static byte[] hmac(byte[] key, byte[] content) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(content);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Reads the development key, or writes a new one. Written to a temporary file and moved into
     * place without replacing, so two services starting on one data directory agree on one key.
     */
    static String loadOrGenerate(Path file) {
        try {
            if (Files.exists(file)) {
                return read(file);
            }
            byte[] raw = new byte[32];
            RANDOM.nextBytes(raw);
            String key = Base64.getEncoder().encodeToString(raw);
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, DEV_FILE_NAME, ".tmp");
            try {
                if (tmp.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                    Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
                }
                Files.writeString(tmp, key + "\n", StandardCharsets.UTF_8);
                Files.move(tmp, file);
                return key;
            } catch (FileAlreadyExistsException raced) {
                return read(file);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the development webhook signing key in "
                    + file.toAbsolutePath(), e);
        }
    }

    private static String read(Path file) throws IOException {
        String key = Files.readString(file, StandardCharsets.UTF_8).strip();
        if (key.length() < WebhookProperties.MIN_SIGNING_KEY_LENGTH) {
            throw new IllegalStateException(file.toAbsolutePath() + " does not hold a webhook signing key of at least "
                    + WebhookProperties.MIN_SIGNING_KEY_LENGTH + " characters; delete it to generate a new one");
        }
        return key;
    }

    @Override
    public String toString() {
        return enabled() ? "WebhookSecrets[enabled]" : "WebhookSecrets[disabled]";
    }
}
