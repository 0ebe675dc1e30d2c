package io.proxyline.systemtest;

import static org.assertj.core.api.Assertions.assertThat;

import io.proxyline.testing.AwsClients;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.chimesdkvoice.ChimeSdkVoiceClient;

/**
 * An orderly shutdown of the standalone jar compacts both of its H2 files, the event store and the SQL read
 * models (each grows far beyond its data while written: docs/benchmarks.md, stored phase), and what was written
 * is there after the restart.
 */
class StandaloneShutdownCompactionTest {
    @RegisterExtension
    static final Deployment deployment = new Deployment("standalone-compaction");

    @Test
    void anOrderlyShutdownCompactsTheEventStoreAndTheSqlReadModels() throws Exception {
        Path dataDir = deployment.workDir().resolve("data");
        int port = Reactor.freePort();
        ManagedProcess first = StandaloneKillDurabilityTest.startStandalone(deployment, "standalone-1", dataDir, port);
        List<String> connectors = new ArrayList<>();
        try (ChimeSdkVoiceClient client = AwsClients.chimeSdkVoice(URI.create("http://127.0.0.1:" + port))) {
            for (int i = 0; i < 40; i++) {
                String name = "compaction-" + i;
                connectors.add(client.createVoiceConnector(r -> r.name(name).requireEncryption(false))
                        .voiceConnector().voiceConnectorId());
            }
        }
        long readModelsBefore = Files.size(dataDir.resolve("readmodels-sql.mv.db"));

        first.close(); // SIGTERM
        String log = first.output();
        assertThat(log).contains("H2 event store compacted on shutdown", "H2 SQL read-model database compacted on shutdown");
        assertThat(Files.size(dataDir.resolve("readmodels-sql.mv.db"))).isLessThanOrEqualTo(readModelsBefore);

        int port2 = Reactor.freePort();
        StandaloneKillDurabilityTest.startStandalone(deployment, "standalone-2", dataDir, port2);
        try (ChimeSdkVoiceClient client = AwsClients.chimeSdkVoice(URI.create("http://127.0.0.1:" + port2))) {
            for (String id : connectors) {
                assertThat(client.getVoiceConnector(r -> r.voiceConnectorId(id)).voiceConnector().voiceConnectorId())
                        .isEqualTo(id);
            }
        }
    }
}
