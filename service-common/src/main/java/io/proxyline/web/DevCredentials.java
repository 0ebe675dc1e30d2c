package io.proxyline.web;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;

/**
 * The development credential of a standalone run: generated once, kept in
 * {@code ${proxyline.data-dir}/dev-credentials.properties} (keys {@code access-key-id},
 * {@code secret-access-key}, {@code account-id}) so a restart reuses it, and announced on every
 * start once the port is known, ready to paste into a shell.
 */
public final class DevCredentials implements ApplicationListener<WebServerInitializedEvent> {
    static final String FILE_NAME = "dev-credentials.properties";

    private static final Logger log = LoggerFactory.getLogger(DevCredentials.class);
    private static final String UPPER_ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    private static final String SECRET_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final CredentialStore store;
    private final HookCredentials hooks;
    private final Path dataDir;

    public DevCredentials(CredentialStore store, HookCredentials hooks, Path dataDir) {
        this.store = store;
        this.hooks = hooks;
        this.dataDir = dataDir;
    }

    static Path file(Path dataDir) {
        return dataDir.resolve(FILE_NAME);
    }

    /** Reuses the credential in {@code file}, or generates one and writes it there (owner-only where supported). */
    static AccessKey loadOrGenerate(Path file, String accountId) {
        try {
            if (Files.exists(file)) {
                return read(file);
            }
            AccessKey generated =
                    new AccessKey("AKIA" + random(UPPER_ALNUM, 16), random(SECRET_ALPHABET, 40), accountId);
            write(file, generated);
            return generated;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the development credentials in " + file.toAbsolutePath(), e);
        }
    }

    private static AccessKey read(Path file) throws IOException {
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(in);
        }
        try {
            return new AccessKey(properties.getProperty("access-key-id"), properties.getProperty("secret-access-key"),
                    properties.getProperty("account-id"));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(file.toAbsolutePath() + " is not a valid credentials file ("
                    + e.getMessage()
                    + "); delete it to generate new development credentials", e);
        }
    }

    private static void write(Path file, AccessKey key) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, FILE_NAME, ".tmp");
        try {
            if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
            }
            Properties properties = new Properties();
            properties.setProperty("access-key-id", key.accessKeyId());
            properties.setProperty("secret-access-key", key.secretAccessKey());
            properties.setProperty("account-id", key.accountId());
            try (Writer out = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                properties.store(out,
                        "Proxyline development credentials, generated on first start. Delete to regenerate.");
            }
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static String random(String alphabet, int length) {
        StringBuilder s = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            s.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
        }
        return s.toString();
    }

    /** The block printed on start-up; the only place a secret is ever logged, and only a development one. */
    static String announcement(AccessKey key, Path file, String endpoint) {
        return announcement(key, null, file, endpoint);
    }

    static String announcement(AccessKey key, HookCredential hook, Path file, String endpoint) {
        return String.join(System.lineSeparator(),
                "",
                "==================== Proxyline development credentials ====================",
                "Generated for development and kept in " + file.toAbsolutePath().normalize(),
                "Use them with any AWS SDK or the AWS CLI:",
                "",
                "  export AWS_ACCESS_KEY_ID=" + key.accessKeyId(),
                "  export AWS_SECRET_ACCESS_KEY=" + key.secretAccessKey(),
                "  export AWS_REGION=us-east-1",
                "  export AWS_ENDPOINT_URL=" + endpoint,
                "",
                "  aws chime-sdk-voice list-voice-connectors --endpoint-url " + endpoint,
                "",
                hook == null ? "" : "Routing hook (POST /voice-connectors/{id}/proxy-interactions) for SIP servers, as "
                        + "HTTP Basic:",
                hook == null ? "" : "  curl -u " + hook.keyId() + ":" + hook.secret() + " " + endpoint
                        + "/voice-connectors/<id>/proxy-interactions -H 'Content-Type: application/json' -d '{...}'",
                "",
                "Account: " + key.accountId() + ". Configure proxyline.credentials (and proxyline.hook-credentials) "
                        + "for anything but development.",
                "===========================================================================");
    }

    @Override
    public void onApplicationEvent(WebServerInitializedEvent event) {
        // A separate management server fires its own event; announce once, for the main server.
        if (event.getApplicationContext().getServerNamespace() != null) {
            return;
        }
        store.devCredential().ifPresent(key -> log.info(announcement(key, hooks.devCredential().orElse(null),
                file(dataDir),
                "http://localhost:" + event.getWebServer().getPort())));
    }
}
