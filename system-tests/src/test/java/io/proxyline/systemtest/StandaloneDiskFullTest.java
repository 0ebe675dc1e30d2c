package io.proxyline.systemtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.proxyline.testing.AwsClients;
import io.proxyline.testing.TestCredentials;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.chimesdkvoice.ChimeSdkVoiceClient;
import software.amazon.awssdk.services.chimesdkvoice.model.Capability;
import software.amazon.awssdk.services.chimesdkvoice.model.ChimeSdkVoiceException;
import software.amazon.awssdk.services.chimesdkvoice.model.PhoneNumberProductType;
import software.amazon.awssdk.services.chimesdkvoice.model.ProxySession;
import software.amazon.awssdk.services.chimesdkvoice.model.ServiceUnavailableException;

/**
 * The standalone jar with its data directory on a 24 MB tmpfs, filled by a filler file to under
 * the guard's threshold and then, after the guard has released its reserve, to the last byte:
 * writes (API and routing hook) answer 503 ServiceUnavailableException in the AWS shape, reads
 * keep answering, nothing acknowledged is lost, writes succeed again without a restart once the
 * filler is gone, and everything acknowledged is there after a restart.
 *
 * <p>Needs {@code mount -t tmpfs} (root with CAP_SYS_ADMIN, as CI runs); skipped with the reason
 * printed where mounting is not allowed.
 */
class StandaloneDiskFullTest {
    private static final String VOLUME_SIZE = "24m";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @RegisterExtension
    static final Deployment deployment = new Deployment("standalone-disk-full");

    @Test
    void aFullDiskRefusesWritesWith503KeepsReadsAndRecoversByItself() throws Exception {
        Path dataDir = deployment.workDir().resolve("data");
        Files.createDirectories(dataDir);
        mountTmpfs(dataDir);
        try {
            run(dataDir);
        } finally {
            deployment.stopProcesses();
            exec("umount", dataDir.toString());
        }
    }

    private void run(Path dataDir) throws Exception {
        String[] guard = {"--proxyline.disk.min-free-space=4MB", "--proxyline.disk.reserve=4MB",
            "--proxyline.disk.check-interval=100ms"};
        int port = Reactor.freePort();
        StandaloneKillDurabilityTest.startStandalone(deployment, "standalone-1", dataDir, port, guard);
        URI endpoint = URI.create("http://127.0.0.1:" + port);
        ChimeSdkVoiceClient client = AwsClients.chimeSdkVoice(endpoint);

        List<String> pool = List.of("+12065550700", "+12065550701", "+12065550702", "+12065550703");
        String vc = client.createVoiceConnector(r -> r.name("disk-full").requireEncryption(false))
                .voiceConnector().voiceConnectorId();
        client.createPhoneNumberOrder(r -> r.productType(PhoneNumberProductType.VOICE_CONNECTOR).e164PhoneNumbers(pool));
        client.associatePhoneNumbersWithVoiceConnector(r -> r.voiceConnectorId(vc).e164PhoneNumbers(pool));
        client.putVoiceConnectorProxy(r -> r.voiceConnectorId(vc).phoneNumberPoolCountries("US")
                .defaultSessionExpiryMinutes(60));
        List<ProxySession> acknowledged = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            acknowledged.add(create(client, vc, i));
        }

        // Fill the volume to 1 MB short of full: under the guard's 4 MB, as a disk fills. (One that
        // goes from above the threshold to no byte free between two checks can still fail a store's
        // write: docs/design.md, "Faults".)
        Path filler = dataDir.resolve("filler");
        long filled = fillUntil(filler, 1024 * 1024);
        System.out.printf("[disk] filler of %d KB left %d KB free of %s%n", filled / 1024,
                Files.getFileStore(dataDir).getUsableSpace() / 1024, VOLUME_SIZE);

        // Writes: 503 in the AWS shape, never a 5xx of another kind; the routing hook too.
        await("writes refused").atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100))
                .until(() -> refused(client, vc, 100));
        Map<String, Integer> whileFull = new TreeMap<>();
        for (int i = 0; i < 20; i++) {
            try {
                acknowledged.add(create(client, vc, 200 + i));
                whileFull.merge("201", 1, Integer::sum);
            } catch (ChimeSdkVoiceException e) {
                whileFull.merge(e.statusCode() + " " + e.awsErrorDetails().errorCode(), 1, Integer::sum);
            }
        }
        HttpResponse<String> hook = hook(endpoint, vc, acknowledged.get(0));
        System.out.printf("[disk] while full: creates %s; routing hook %d %s%n", whileFull, hook.statusCode(),
                hook.headers().firstValue("x-amzn-ErrorType").orElse(""));
        assertThat(whileFull).as("creates while the disk is full").containsOnlyKeys(
                "503 ServiceUnavailableException");
        assertThat(hook.statusCode()).isEqualTo(503);
        assertThat(hook.headers().firstValue("x-amzn-ErrorType")).hasValue("ServiceUnavailableException");
        assertThat(hook.body()).startsWith("{\"Code\":\"ServiceUnavailable\",\"Message\":\"Not enough free disk space");

        // The worst case: whatever filled the disk goes on to the last byte, and takes the reserve the
        // guard released too, while the processors keep claiming their tokens.
        Path filler2 = dataDir.resolve("filler-2");
        long refilled = fill(filler2);
        System.out.printf("[disk] a second filler took the released reserve (%d KB); %d KB free%n", refilled / 1024,
                Files.getFileStore(dataDir).getUsableSpace() / 1024);

        // Reads keep working, for longer than the processors' token-claim interval.
        long readUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(12);
        int reads = 0;
        do {
            for (ProxySession session : acknowledged) {
                assertThat(client.getProxySession(r -> r.voiceConnectorId(vc).proxySessionId(session.proxySessionId()))
                        .proxySession().proxySessionId()).isEqualTo(session.proxySessionId());
                reads++;
            }
            assertThat(client.listProxySessions(r -> r.voiceConnectorId(vc)).proxySessions()).hasSize(acknowledged.size());
            reads++;
        } while (System.nanoTime() < readUntil);
        System.out.printf("[disk] %d reads answered while the disk was full%n", reads);

        // Space returns: writes succeed again without a restart.
        Files.delete(filler);
        Files.delete(filler2);
        long freed = System.nanoTime();
        await("writes admitted again").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                .until(() -> !refused(client, vc, 300));
        System.out.printf("[disk] writes admitted %d ms after the filler was deleted%n",
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - freed));
        acknowledged.add(create(client, vc, 301));
        HttpResponse<String> hookAgain = hook(endpoint, vc, acknowledged.get(0));
        assertThat(hookAgain.statusCode()).as(hookAgain.body()).isEqualTo(201);
        client.close();

        // Restart on the same files: every acknowledged session is there.
        deployment.stopProcesses();
        int port2 = Reactor.freePort();
        StandaloneKillDurabilityTest.startStandalone(deployment, "standalone-2", dataDir, port2, guard);
        try (ChimeSdkVoiceClient after = AwsClients.chimeSdkVoice(URI.create("http://127.0.0.1:" + port2))) {
            for (ProxySession session : acknowledged) {
                assertThat(after.getProxySession(r -> r.voiceConnectorId(vc).proxySessionId(session.proxySessionId()))
                        .proxySession().createdTimestamp()).isEqualTo(session.createdTimestamp());
            }
            System.out.printf("[disk] %d acknowledged sessions readable after the restart%n", acknowledged.size());
            assertThat(after.createProxySession(r -> r.voiceConnectorId(vc)
                    .participantPhoneNumbers("+14155550999", "+16465550999").capabilities(Capability.VOICE))
                    .proxySession().proxySessionId()).isNotBlank();
        }
    }

    /** A create with fresh participants that the service refuses with 503; other outcomes are false or fail. */
    private static boolean refused(ChimeSdkVoiceClient client, String vc, int n) {
        try {
            create(client, vc, n);
            return false;
        } catch (ServiceUnavailableException e) {
            assertThat(e.statusCode()).isEqualTo(503);
            return true;
        }
    }

    private static ProxySession create(ChimeSdkVoiceClient client, String vc, int n) {
        return client.createProxySession(r -> r.voiceConnectorId(vc)
                .participantPhoneNumbers(String.format("+1415555%04d", n), String.format("+1646555%04d", n))
                .capabilities(Capability.VOICE, Capability.SMS)).proxySession();
    }

    private static HttpResponse<String> hook(URI endpoint, String vc, ProxySession session) throws Exception {
        String basic = Base64.getEncoder().encodeToString((TestCredentials.HOOK_KEY_ID + ":" + TestCredentials.HOOK_SECRET)
                .getBytes(StandardCharsets.UTF_8));
        String body = "{\"Type\":\"Voice\",\"FromPhoneNumber\":\"" + session.participants().get(0).phoneNumber()
                + "\",\"ToPhoneNumber\":\"" + session.participants().get(0).proxyPhoneNumber() + "\"}";
        return HTTP.send(HttpRequest.newBuilder(endpoint.resolve("/voice-connectors/" + vc + "/proxy-interactions"))
                .header("Authorization", "Basic " + basic).header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(10)).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Writes zeros until no more than {@code keepFree} bytes are usable; returns the bytes written. */
    private static long fillUntil(Path filler, long keepFree) throws IOException {
        byte[] chunk = new byte[64 * 1024];
        long written = 0;
        try (OutputStream out = Files.newOutputStream(filler)) {
            while (Files.getFileStore(filler.getParent()).getUsableSpace() - chunk.length > keepFree) {
                out.write(chunk);
                out.flush();
                written += chunk.length;
            }
        }
        return written;
    }

    /** Writes zeros until the file system refuses; returns the bytes written. */
    private static long fill(Path filler) throws IOException {
        byte[] chunk = new byte[64 * 1024];
        long written = 0;
        try (OutputStream out = Files.newOutputStream(filler)) {
            while (true) {
                out.write(chunk);
                written += chunk.length;
            }
        } catch (IOException full) {
            assertThat(full.getMessage()).contains("No space left on device");
        }
        // Smaller and smaller writes to take the last bytes too.
        for (int size = chunk.length / 2; size > 0; size /= 2) {
            try (OutputStream out = Files.newOutputStream(filler, java.nio.file.StandardOpenOption.APPEND)) {
                while (true) {
                    out.write(chunk, 0, size);
                    out.flush();
                    written += size;
                }
            } catch (IOException full) {
                // next size
            }
        }
        return written;
    }

    private static void mountTmpfs(Path dir) throws Exception {
        ProcessResult result = exec("mount", "-t", "tmpfs", "-o", "size=" + VOLUME_SIZE, "tmpfs", dir.toString());
        Assumptions.assumeTrue(result.status() == 0, () -> "cannot mount a tmpfs here (needs root with CAP_SYS_ADMIN): "
                + result.output());
    }

    private record ProcessResult(int status, String output) {}

    private static ProcessResult exec(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(20, TimeUnit.SECONDS)).as("%s finished", List.of(command)).isTrue();
        return new ProcessResult(process.exitValue(), output);
    }
}
