package io.proxyline.systemtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.proxyline.testing.AwsClients;
import io.proxyline.testing.TestCredentials;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.chimesdkvoice.ChimeSdkVoiceClient;
import software.amazon.awssdk.services.chimesdkvoice.model.BadRequestException;
import software.amazon.awssdk.services.chimesdkvoice.model.Capability;
import software.amazon.awssdk.services.chimesdkvoice.model.PhoneNumber;
import software.amazon.awssdk.services.chimesdkvoice.model.PhoneNumberAssociationName;
import software.amazon.awssdk.services.chimesdkvoice.model.PhoneNumberOrderStatus;
import software.amazon.awssdk.services.chimesdkvoice.model.PhoneNumberProductType;
import software.amazon.awssdk.services.chimesdkvoice.model.PhoneNumberStatus;
import software.amazon.awssdk.services.chimesdkvoice.model.ProxySession;

/**
 * Number association and disassociation are several steps over several aggregates (claim each
 * number in the inventory, add them to the connector, record the outcome). The standalone jar is
 * halted ({@code Runtime.halt}, as kill -9) at a test-only hook between two steps, restarted on
 * the same data, and then no number may be claimed by the connector without being on it, or on it
 * without being claimed: the inventory (GetPhoneNumber, ListPhoneNumbers) and the connector's own
 * set (what CreateProxySession can allocate) agree, number by number. Each restart arms the next
 * crash point, so four runs cover three crashes: association between claim and add, disassociation
 * between removal and release, association between add and its recorded outcome.
 */
class AssociationCrashRecoveryTest {
    static final Duration SETTLE = Duration.ofSeconds(60);

    @RegisterExtension
    static final Deployment deployment = new Deployment("association-crash");

    static ManagedProcess startStandalone(String name, Path dataDir, int port, String haltAt) {
        Path dir = deployment.workDir().resolve(name);
        dir.toFile().mkdirs();
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx384m", "-Xss512k",
                "-Ddisable-axoniq-console-message=true",
                "-jar", StandaloneKillDurabilityTest.standaloneJar().toString(),
                "--server.address=127.0.0.1",
                "--server.port=" + port,
                "--proxyline.data-dir=" + dataDir,
                "--" + TestCredentials.ACCESS_KEY_PROPERTY,
                "--" + TestCredentials.SECRET_PROPERTY,
                "--" + TestCredentials.ACCOUNT_PROPERTY));
        if (haltAt != null) command.add("--proxyline.testing.halt-at=" + haltAt);
        ManagedProcess process = ManagedProcess.start(name, command, Map.of(), dir,
                deployment.workDir().resolve(name + ".log"));
        deployment.register(process);
        Deployment.awaitHealthy(process, port);
        return process;
    }

    @Test
    void aCrashBetweenStepsNeverLeavesANumberClaimedButNotOnItsConnector() throws Exception {
        Path dataDir = deployment.workDir().resolve("data");
        List<String> numbers = List.of("+12065550301", "+12065550302", "+12065550303", "+12065550304");

        // Run 1: associate, halted between the claims and the connector's add.
        int port = Reactor.freePort();
        ManagedProcess run = startStandalone("run-1", dataDir, port, "association-claimed");
        String vc;
        try (ChimeSdkVoiceClient client = client(port)) {
            vc = client.createVoiceConnector(r -> r.name("crash").requireEncryption(false))
                    .voiceConnector().voiceConnectorId();
            assertThat(client.createPhoneNumberOrder(r -> r.productType(PhoneNumberProductType.VOICE_CONNECTOR)
                    .e164PhoneNumbers(numbers)).phoneNumberOrder().status()).isEqualTo(PhoneNumberOrderStatus.SUCCESSFUL);
            client.putVoiceConnectorProxy(r -> r.voiceConnectorId(vc).phoneNumberPoolCountries("US")
                    .defaultSessionExpiryMinutes(60));
            assertThatThrownBy(() -> client.associatePhoneNumbersWithVoiceConnector(r -> r.voiceConnectorId(vc)
                    .e164PhoneNumbers(numbers))).isInstanceOf(SdkClientException.class);
        }
        awaitExit(run);

        // Run 2: the association settles; then disassociate, halted between removal and release.
        port = Reactor.freePort();
        run = startStandalone("run-2", dataDir, port, "disassociation-removed");
        try (ChimeSdkVoiceClient client = client(port)) {
            Set<String> on = awaitConsistent(client, vc, numbers, "after a crash between claim and add");
            System.out.printf("[crash 1: association-claimed] after restart: on the connector %s%n", on);
            assertThatThrownBy(() -> client.disassociatePhoneNumbersFromVoiceConnector(r -> r.voiceConnectorId(vc)
                    .e164PhoneNumbers(numbers))).isInstanceOf(SdkClientException.class);
        }
        awaitExit(run);

        // Run 3: the disassociation settles; then associate again, halted before the outcome is recorded.
        port = Reactor.freePort();
        run = startStandalone("run-3", dataDir, port, "association-added");
        try (ChimeSdkVoiceClient client = client(port)) {
            Set<String> on = awaitConsistent(client, vc, numbers, "after a crash between removal and release");
            System.out.printf("[crash 2: disassociation-removed] after restart: on the connector %s%n", on);
            assertThatThrownBy(() -> client.associatePhoneNumbersWithVoiceConnector(r -> r.voiceConnectorId(vc)
                    .e164PhoneNumbers(numbers))).isInstanceOf(SdkClientException.class);
        }
        awaitExit(run);

        // Run 4: settles once more, and the numbers work as a client expects.
        port = Reactor.freePort();
        run = startStandalone("run-4", dataDir, port, null);
        try (ChimeSdkVoiceClient client = client(port)) {
            Set<String> on = awaitConsistent(client, vc, numbers, "after a crash between add and outcome");
            System.out.printf("[crash 3: association-added] after restart: on the connector %s%n", on);
            // Whatever each number ended as, the client can put it where it wants it.
            assertThat(client.associatePhoneNumbersWithVoiceConnector(r -> r.voiceConnectorId(vc)
                    .e164PhoneNumbers(numbers)).phoneNumberErrors()).isEmpty();
            assertThat(awaitConsistent(client, vc, numbers, "after a clean association")).containsExactlyInAnyOrderElementsOf(numbers);
            assertThat(client.disassociatePhoneNumbersFromVoiceConnector(r -> r.voiceConnectorId(vc)
                    .e164PhoneNumbers(numbers)).phoneNumberErrors()).isEmpty();
            assertThat(awaitConsistent(client, vc, numbers, "after a clean disassociation")).isEmpty();
            client.deleteVoiceConnector(r -> r.voiceConnectorId(vc));
        }
    }

    private static ChimeSdkVoiceClient client(int port) {
        return AwsClients.chimeSdkVoice(URI.create("http://127.0.0.1:" + port));
    }

    private static void awaitExit(ManagedProcess process) throws Exception {
        // Process.waitFor, not ProcessHandle: the handle can be gone while Process.isAlive still
        // answers true until the JDK has reaped the child (seen failing in CI).
        assertThat(process.awaitExit(java.time.Duration.ofSeconds(30))).as("%s halted", process.name()).isTrue();
        assertThat(process.output()).contains("TEST ONLY: halting at");
    }

    /**
     * Waits until the inventory and the connector agree on every number, and returns the numbers on
     * the connector. Fails if they still disagree after {@link #SETTLE}: a number claimed for the
     * connector but not on it (or on it but not claimed) after a restart is the bug this test is for.
     */
    private static Set<String> awaitConsistent(ChimeSdkVoiceClient client, String vc, List<String> numbers,
                                               String when) {
        long started = System.nanoTime();
        List<String> last = new ArrayList<>();
        Set<String> result = new TreeSet<>();
        try {
            await(when + ": inventory and connector agree").atMost(SETTLE).pollInterval(Duration.ofMillis(200))
                    .until(() -> {
                        Set<String> claimed = new TreeSet<>();
                        Set<String> free = new TreeSet<>();
                        for (String n : numbers) {
                            PhoneNumber p = client.getPhoneNumber(r -> r.phoneNumberId(n)).phoneNumber();
                            boolean associated = p.associations().stream().anyMatch(a ->
                                    a.name() == PhoneNumberAssociationName.VOICE_CONNECTOR_ID && vc.equals(a.value()));
                            if (associated && p.status() == PhoneNumberStatus.ASSIGNED) claimed.add(n);
                            else if (!associated && p.associations().isEmpty()
                                    && p.status() == PhoneNumberStatus.UNASSIGNED) free.add(n);
                        }
                        Set<String> listed = new TreeSet<>();
                        client.listPhoneNumbersPaginator(r -> r.filterName("VoiceConnectorId").filterValue(vc))
                                .forEach(page -> page.phoneNumbers().forEach(p -> listed.add(p.e164PhoneNumber())));
                        Set<String> onConnector = connectorNumbers(client, vc);
                        last.clear();
                        last.add("claimed " + claimed + ", free " + free + ", listed " + listed
                                + ", on the connector " + onConnector);
                        boolean agree = claimed.size() + free.size() == numbers.size() && claimed.equals(listed)
                                && claimed.equals(onConnector);
                        if (agree) {
                            result.clear();
                            result.addAll(onConnector);
                        }
                        return agree;
                    });
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError(when + ": inventory and connector still disagree after " + SETTLE + ": " + last, e);
        }
        System.out.printf("[settled] %s in %d ms: %s%n", when,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started), last);
        return result;
    }

    /**
     * The numbers the connector itself holds (its command-side state, not a read model): the same
     * two participants get a different proxy number for each active session until none is free, so
     * creating sessions for one fresh pair until refused yields exactly the connector's pool. The
     * sessions are deleted again.
     */
    private static Set<String> connectorNumbers(ChimeSdkVoiceClient client, String vc) {
        long pair = System.nanoTime() % 10_000_000L;
        List<String> participants = List.of(String.format("+1415%07d", pair), String.format("+1646%07d", pair));
        Set<String> held = new TreeSet<>();
        List<String> sessions = new ArrayList<>();
        try {
            for (int i = 0; i < 100; i++) {
                ProxySession s = client.createProxySession(r -> r.voiceConnectorId(vc)
                        .participantPhoneNumbers(participants).capabilities(Capability.VOICE)).proxySession();
                sessions.add(s.proxySessionId());
                assertThat(held.add(s.participants().get(0).proxyPhoneNumber())).as("a new number each time").isTrue();
            }
        } catch (BadRequestException noneFree) {
            // the pool is exhausted for this pair
        }
        sessions.forEach(id -> client.deleteProxySession(r -> r.voiceConnectorId(vc).proxySessionId(id)));
        return held;
    }
}
