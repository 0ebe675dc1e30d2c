package io.proxyline.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CredentialStoreTest {
    private static final AccessKey CONFIGURED = new AccessKey("AKIACONFIGURED000001", "configured/secret+0000000000000000000000", "111122223333");

    @TempDir
    Path dir;

    private static ProxylineProperties properties(List<AccessKey> keys, Path file, Path dataDir, boolean generate) {
        return new ProxylineProperties(keys, file, List.of(), dataDir,
                new ProxylineProperties.DevCredentials(generate, "123456789012"),
                new ProxylineProperties.RateLimit(true, 2000, 4000));
    }

    @Test
    void configuredCredentialsAreFoundByAccessKeyId() {
        CredentialStore store = CredentialStore.load(properties(List.of(CONFIGURED), null, dir, false));

        assertThat(store.find("AKIACONFIGURED000001")).contains(CONFIGURED);
        assertThat(store.find("AKIAUNKNOWN")).isEmpty();
        assertThat(store.devCredential()).isEmpty();
    }

    @Test
    void theCredentialsFileAddsOneCredentialPerLine() throws IOException {
        Path file = Files.writeString(dir.resolve("credentials"), """
                # access-key-id          secret-access-key                          account-id
                AKIAFILE000000000001   wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY   444455556666

                AKIAFILE000000000002 , je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY , 777788889999
                """);

        CredentialStore store = CredentialStore.load(properties(List.of(CONFIGURED), file, dir, false));

        assertThat(store.size()).isEqualTo(3);
        assertThat(store.find("AKIAFILE000000000001")).map(AccessKey::accountId).contains("444455556666");
        assertThat(store.find("AKIAFILE000000000002")).map(AccessKey::secretAccessKey)
                .contains("je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY");
    }

    @Test
    void aBrokenCredentialsFileLineIsReportedWithItsNumberButNotItsSecret() throws IOException {
        Path file = Files.writeString(dir.resolve("credentials"), "AKIAFILE000000000001 s3cr3t-value 12345\n");

        assertThatThrownBy(() -> CredentialStore.load(properties(List.of(), file, dir, false)))
                .hasMessageContaining("line 1").hasMessageContaining("account-id")
                .hasMessageNotContaining("s3cr3t-value");
        Files.writeString(file, "AKIAFILE000000000001 only-two-fields\n");
        assertThatThrownBy(() -> CredentialStore.load(properties(List.of(), file, dir, false)))
                .hasMessageContaining("found 2 field(s)");
    }

    @Test
    void anAccessKeyIdMayBeConfiguredOnlyOnce() {
        assertThatThrownBy(() -> new CredentialStore(List.of(CONFIGURED, CONFIGURED)))
                .hasMessageContaining("configured more than once");
    }

    @Test
    void withoutCredentialsOrGenerationStartupFailsSayingWhatToConfigure() {
        assertThatThrownBy(() -> CredentialStore.load(properties(List.of(), null, dir, false)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("No credentials are configured")
                .hasMessageContaining("proxyline.credentials[0].access-key-id")
                .hasMessageContaining("proxyline.dev-credentials.generate=true");
    }

    @Test
    void devCredentialsAreGeneratedOnceAndReusedAfterARestart() throws IOException {
        Path dataDir = dir.resolve("nested/data");

        AccessKey first = CredentialStore.load(properties(List.of(), null, dataDir, true)).devCredential().orElseThrow();
        AccessKey second = CredentialStore.load(properties(List.of(), null, dataDir, true)).devCredential().orElseThrow();

        assertThat(first.accessKeyId()).matches("AKIA[A-Z0-9]{16}");
        assertThat(first.secretAccessKey()).hasSize(40);
        assertThat(first.accountId()).isEqualTo("123456789012");
        assertThat(second).isEqualTo(first);
        Properties file = new Properties();
        try (var in = Files.newBufferedReader(dataDir.resolve("dev-credentials.properties"))) {
            file.load(in);
        }
        assertThat(file.getProperty("access-key-id")).isEqualTo(first.accessKeyId());
    }

    @Test
    void configuredCredentialsTakePrecedenceOverGeneration() {
        CredentialStore store = CredentialStore.load(properties(List.of(CONFIGURED), null, dir, true));

        assertThat(store.devCredential()).isEmpty();
        assertThat(Files.exists(dir.resolve("dev-credentials.properties"))).isFalse();
    }

    @Test
    void theAnnouncementIsReadyToPasteIntoAShell() {
        AccessKey key = new AccessKey("AKIAABCDEFGHIJKLMNOP", "s".repeat(40), "123456789012");

        assertThat(DevCredentials.announcement(key, dir.resolve("dev-credentials.properties"), "http://localhost:8080"))
                .contains("AWS_ACCESS_KEY_ID=AKIAABCDEFGHIJKLMNOP", "AWS_SECRET_ACCESS_KEY=" + "s".repeat(40),
                        "AWS_REGION=us-east-1", "AWS_ENDPOINT_URL=http://localhost:8080");
    }

    @Test
    void anAccessKeyNeverPrintsItsSecret() {
        assertThat(CONFIGURED.toString()).doesNotContain(CONFIGURED.secretAccessKey()).contains("AKIACONFIGURED000001");
        assertThat(properties(List.of(CONFIGURED), null, dir, false).toString()).doesNotContain(CONFIGURED.secretAccessKey());
    }
}
