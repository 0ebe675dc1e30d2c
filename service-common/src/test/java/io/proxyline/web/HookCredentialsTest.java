package io.proxyline.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.proxyline.api.wire.AwsErrorCode;
import io.proxyline.api.wire.ProxyRejected;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HookCredentialsTest {
    private static final HookCredential HOOK =
            new HookCredential("HOOKKAMAILIO1", "hook-secret-0123456789abcdef", "111122223333");
    private final HookCredentials hooks = new HookCredentials(List.of(HOOK));

    @TempDir
    Path dir;

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void theRightKeyAndSecretAuthenticateAsTheirAccount() {
        assertThat(hooks.authenticate(basic("HOOKKAMAILIO1", "hook-secret-0123456789abcdef"))).isEqualTo(HOOK);
    }

    @Test
    void aWrongSecretAnUnknownKeyOrGarbageIsUnauthorized() {
        for (String header : List.of(basic("HOOKKAMAILIO1", "hook-secret-0123456789abcdeX"),
                basic("HOOKKAMAILIO1", "hook-secret-0123456789abcdef "), basic("HOOKOTHER", "hook-secret-0123456789abcdef"),
                basic("HOOKKAMAILIO1", ""), "Basic !!notbase64!!",
                "Basic " + Base64.getEncoder().encodeToString("no-colon".getBytes(StandardCharsets.UTF_8)))) {
            assertThatThrownBy(() -> hooks.authenticate(header)).as(header)
                    .isInstanceOfSatisfying(ProxyRejected.class,
                            e -> assertThat(e.code()).isEqualTo(AwsErrorCode.UNAUTHORIZED_CLIENT));
        }
    }

    @Test
    void onlyThePostToAConnectorsProxyInteractionsIsAHookCall() {
        assertThat(HookCredentials.isHookCall("POST", "/voice-connectors/abc/proxy-interactions")).isTrue();
        assertThat(HookCredentials.isHookCall("GET", "/voice-connectors/abc/proxy-interactions")).isFalse();
        assertThat(HookCredentials.isHookCall("POST", "/voice-connectors/abc/proxy-sessions")).isFalse();
        assertThat(HookCredentials.isHookCall("POST", "/voice-connectors/abc/proxy-interactions/x")).isFalse();
        assertThat(HookCredentials.isHookCall("POST", "/voice-connectors/a/b/proxy-interactions")).isFalse();
        assertThat(HookCredentials.isHookCall("POST", "/voice-connectors/a;x=1/proxy-interactions")).isFalse();
    }

    @Test
    void shortOrMalformedSecretsAreRefusedAtStartUpWithoutShowingThem() {
        assertThatThrownBy(() -> new HookCredential("HOOK1", "short", "111122223333"))
                .hasMessageContaining("at least 20").hasMessageNotContaining("short");
        assertThatThrownBy(() -> new HookCredential("HOOK1", "has:colon-0123456789abcdef", "111122223333"))
                .hasMessageContaining("':'");
        assertThatThrownBy(() -> new HookCredential("HOOK:1", "hook-secret-0123456789abcdef", "111122223333"))
                .hasMessageContaining("key-id");
        assertThat(HOOK.toString()).doesNotContain("hook-secret");
    }

    @Test
    void aDevelopmentRunGeneratesOneHookCredentialAndReusesItAfterARestart() throws Exception {
        AccessKey devKey = DevCredentials.loadOrGenerate(dir.resolve("dev-credentials.properties"), "123456789012");
        ProxylineProperties properties = new ProxylineProperties(List.of(), null, List.of(), dir,
                new ProxylineProperties.DevCredentials(true, "123456789012"),
                new ProxylineProperties.RateLimit(true, 2000, 4000));
        CredentialStore store = CredentialStore.load(properties);

        HookCredential first = HookCredentials.load(properties, store).devCredential().orElseThrow();
        HookCredential again = HookCredentials.load(properties, store).devCredential().orElseThrow();

        assertThat(first.accountId()).isEqualTo(devKey.accountId());
        assertThat(again).isEqualTo(first);
        assertThat(Files.readString(dir.resolve(HookCredentials.DEV_FILE_NAME))).contains(first.secret());
    }

    @Test
    void configuredAccessKeysGetNoGeneratedHookCredential() {
        ProxylineProperties properties = new ProxylineProperties(
                List.of(new AccessKey("AKIACONFIGURED000001", "configured/secret+0000000000000000000000", "111122223333")),
                null, List.of(), dir, new ProxylineProperties.DevCredentials(true, "123456789012"),
                new ProxylineProperties.RateLimit(true, 2000, 4000));

        HookCredentials loaded = HookCredentials.load(properties, CredentialStore.load(properties));

        assertThat(loaded.devCredential()).isEmpty();
        assertThatThrownBy(() -> loaded.authenticate(basic("HOOKANY", "hook-secret-0123456789abcdef")))
                .isInstanceOf(ProxyRejected.class);
        assertThat(Files.exists(dir.resolve(HookCredentials.DEV_FILE_NAME))).isFalse();
    }

    @Test
    void anEntryWithNeitherKeyNorSecretIsUnsetAndIgnored() {
        HookCredential unset = new HookCredential("", "", "111122223333");
        HookCredentials loaded = new HookCredentials(List.of(unset, HOOK));

        assertThat(unset.isUnset()).isTrue();
        assertThat(loaded.authenticate(basic("HOOKKAMAILIO1", "hook-secret-0123456789abcdef"))).isEqualTo(HOOK);
        assertThatThrownBy(() -> loaded.authenticate(basic("", ""))).isInstanceOf(ProxyRejected.class);
        assertThatThrownBy(() -> new HookCredential("", "hook-secret-0123456789abcdef", "111122223333"))
                .hasMessageContaining("key-id");
        assertThatThrownBy(() -> new HookCredential("HOOK1", "", "111122223333"))
                .hasMessageContaining("secret");
    }
}
