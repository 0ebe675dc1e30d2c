package io.proxyline.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SigV4 credentials Proxyline accepts: access key id → secret and account. Built once at
 * start-up from, in this order:
 * <ol>
 *   <li>{@code proxyline.credentials[i].access-key-id / .secret-access-key / .account-id}
 *       (in production from the environment, e.g. {@code PROXYLINE_CREDENTIALS_0_SECRET_ACCESS_KEY});</li>
 *   <li>{@code proxyline.credentials-file}, a text file mounted at run time (e.g. a Docker or
 *       Kubernetes secret) with one credential per line:
 *       <pre>
 * # access-key-id          secret-access-key                          account-id
 * AKIAIOSFODNN7EXAMPLE     wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY   111122223333
 * AKIAI44QH8DHBEXAMPLE,je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY,444455556666
 *       </pre>
 *       The three fields are separated by whitespace or a comma; blank lines and lines starting
 *       with {@code #} are ignored; the account id is 12 digits;</li>
 *   <li>only when neither yields a credential and {@code proxyline.dev-credentials.generate=true}:
 *       one generated development credential, kept in
 *       {@code ${proxyline.data-dir}/dev-credentials.properties} so a restart reuses it.</li>
 * </ol>
 * With none of these, start-up fails. An access key id may appear only once.
 */
public final class CredentialStore {
    private static final Logger log = LoggerFactory.getLogger(CredentialStore.class);

    private final Map<String, AccessKey> byAccessKeyId;
    private final AccessKey devCredential;

    public CredentialStore(Collection<AccessKey> keys) {
        this(keys, null);
    }

    private CredentialStore(Collection<AccessKey> keys, AccessKey devCredential) {
        Map<String, AccessKey> map = new LinkedHashMap<>();
        for (AccessKey key : keys) {
            if (map.putIfAbsent(key.accessKeyId(), key) != null) {
                throw new IllegalStateException("access key id " + key.accessKeyId() + " is configured more than once");
            }
        }
        this.byAccessKeyId = Map.copyOf(map);
        this.devCredential = devCredential;
    }

    /** Builds the store from the configuration, as described on the class. */
    public static CredentialStore load(ProxylineProperties properties) {
        List<AccessKey> keys = new ArrayList<>(properties.credentials());
        if (properties.credentialsFile() != null) {
            keys.addAll(readCredentialsFile(properties.credentialsFile()));
        }
        if (!keys.isEmpty()) {
            log.info("Accepting {} configured access key(s)", keys.size());
            return new CredentialStore(keys);
        }
        if (!properties.devCredentials().generate()) {
            throw new IllegalStateException("No credentials are configured, so no request could ever be authenticated. "
                    + "Configure proxyline.credentials[0].access-key-id, .secret-access-key and .account-id "
                    + "(e.g. the environment variables PROXYLINE_CREDENTIALS_0_ACCESS_KEY_ID, "
                    + "PROXYLINE_CREDENTIALS_0_SECRET_ACCESS_KEY, PROXYLINE_CREDENTIALS_0_ACCOUNT_ID), "
                    + "or proxyline.credentials-file, "
                    + "or, for development only, proxyline.dev-credentials.generate=true");
        }
        AccessKey dev = DevCredentials.loadOrGenerate(DevCredentials.file(properties.dataDir()),
                properties.devCredentials().accountId());
        return new CredentialStore(List.of(dev), dev);
    }

    static List<AccessKey> readCredentialsFile(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read proxyline.credentials-file " + file, e);
        }
        List<AccessKey> keys = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] fields = line.split("\\s*,\\s*|\\s+");
            if (fields.length != 3) {
                throw new IllegalStateException(file + " line " + (i + 1)
                        + ": expected 'access-key-id secret-access-key account-id', found "
                        + fields.length + " field(s)");
            }
            try {
                keys.add(new AccessKey(fields[0], fields[1], fields[2]));
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException(file + " line " + (i + 1) + ": " + e.getMessage(), e);
            }
        }
        return keys;
    }

    public Optional<AccessKey> find(String accessKeyId) {
        return Optional.ofNullable(byAccessKeyId.get(accessKeyId));
    }

    public int size() {
        return byAccessKeyId.size();
    }

    /** The generated development credential, when the store holds one. */
    public Optional<AccessKey> devCredential() {
        return Optional.ofNullable(devCredential);
    }

    @Override
    public String toString() {
        return "CredentialStore[" + byAccessKeyId.size() + " access key(s)]";
    }
}
