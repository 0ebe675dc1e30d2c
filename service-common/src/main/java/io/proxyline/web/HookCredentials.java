package io.proxyline.web;

import static io.proxyline.api.wire.AwsErrorCode.UNAUTHORIZED_CLIENT;

import io.proxyline.api.wire.ProxyRejected;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * The routing-hook credentials Proxyline accepts, by key id: {@code proxyline.hook-credentials[i].key-id
 * / .secret / .account-id}; in a development run with none configured, one generated for the
 * development account and kept in {@code ${proxyline.data-dir}/dev-hook-credential.properties}.
 * They authenticate only {@code POST /voice-connectors/{id}/proxy-interactions}, as
 * {@code Authorization: Basic base64(key-id:secret)}; secrets are compared in constant time.
 */
public final class HookCredentials {
    static final String DEV_FILE_NAME = "dev-hook-credential.properties";
    /** The one operation a hook credential may call (raw URI, after the context path). */
    static final Pattern HOOK_PATH = Pattern.compile("/voice-connectors/[^/?#;]+/proxy-interactions");
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    private final Map<String, HookCredential> byKeyId;
    private final HookCredential devCredential;

    public HookCredentials(Collection<HookCredential> credentials) {
        this(credentials, null);
    }

    private HookCredentials(Collection<HookCredential> credentials, HookCredential devCredential) {
        Map<String, HookCredential> map = new LinkedHashMap<>();
        for (HookCredential c : credentials) {
            if (c.isUnset()) continue;
            if (map.putIfAbsent(c.keyId(), c) != null) {
                throw new IllegalStateException("hook credential key id " + c.keyId() + " is configured more than once");
            }
        }
        this.byKeyId = Map.copyOf(map);
        this.devCredential = devCredential;
    }

    /** The configured hook credentials; with none and a generated development access key, a generated one. */
    public static HookCredentials load(ProxylineProperties properties, CredentialStore store) {
        boolean configured = properties.hookCredentials().stream().anyMatch(c -> !c.isUnset());
        if (configured || store.devCredential().isEmpty()) {
            return new HookCredentials(properties.hookCredentials());
        }
        HookCredential dev = loadOrGenerate(properties.dataDir().resolve(DEV_FILE_NAME),
                store.devCredential().get().accountId());
        return new HookCredentials(List.of(dev), dev);
    }

    public Optional<HookCredential> devCredential() {
        return Optional.ofNullable(devCredential);
    }

    static boolean isHookCall(String method, String path) {
        return "POST".equals(method) && HOOK_PATH.matcher(path).matches();
    }

    /**
     * @param authorization the whole {@code Authorization} header, starting with {@code Basic }
     * @throws ProxyRejected UnauthorizedClient for anything but a known key id with its exact secret
     */
    HookCredential authenticate(String authorization) {
        String encoded = authorization.substring("Basic ".length()).strip();
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw refused("The Basic credentials are not valid base64");
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            throw refused("The Basic credentials must be key-id:secret");
        }
        HookCredential found = byKeyId.get(decoded.substring(0, colon));
        // Compare digests, so the comparison takes the same time whatever the secret's length or prefix.
        byte[] given = sha256(decoded.substring(colon + 1));
        byte[] expected = sha256(found == null ? "" : found.secret());
        if (!MessageDigest.isEqual(given, expected) || found == null) {
            throw refused("The hook credential is not valid");
        }
        return found;
    }

    private static ProxyRejected refused(String message) {
        return new ProxyRejected(UNAUTHORIZED_CLIENT, message);
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static HookCredential loadOrGenerate(Path file, String accountId) {
        try {
            if (Files.exists(file)) {
                Properties p = new Properties();
                try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                    p.load(in);
                }
                try {
                    return new HookCredential(p.getProperty("key-id"), p.getProperty("secret"), accountId);
                } catch (IllegalArgumentException e) {
                    throw new IllegalStateException(file.toAbsolutePath() + " is not a valid hook credential file ("
                            + e.getMessage() + "); delete it to generate a new one", e);
                }
            }
            HookCredential generated = new HookCredential("HOOK" + random(16).toUpperCase(java.util.Locale.ROOT),
                    random(40), accountId);
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, DEV_FILE_NAME, ".tmp");
            try {
                if (tmp.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                    Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
                }
                Properties p = new Properties();
                p.setProperty("key-id", generated.keyId());
                p.setProperty("secret", generated.secret());
                try (Writer out = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                    p.store(out, "Proxyline development routing-hook credential. Delete to regenerate.");
                }
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp);
            }
            return generated;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the development hook credential in " + file.toAbsolutePath(),
                    e);
        }
    }

    private static String random(int length) {
        StringBuilder s = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            s.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return s.toString();
    }

    @Override
    public String toString() {
        return "HookCredentials[" + byKeyId.size() + " key(s)]";
    }
}
