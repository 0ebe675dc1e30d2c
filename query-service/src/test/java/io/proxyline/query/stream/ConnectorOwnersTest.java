package io.proxyline.query.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.proxyline.api.connector.NumbersAddedEvent;
import io.proxyline.api.connector.VoiceConnectorCreatedEvent;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ConnectorOwnersTest {
    private final Map<String, String> records = new HashMap<>();
    private final AtomicInteger lookups = new AtomicInteger();
    private final AtomicInteger waits = new AtomicInteger();
    private final ConnectorOwners owners = new ConnectorOwners(connector -> {
        lookups.incrementAndGet();
        return Optional.ofNullable(records.get(connector));
    }, waits::incrementAndGet);

    private static NumbersAddedEvent numbers(String connector) {
        return new NumbersAddedEvent(connector, List.of("+12065550100"), Instant.EPOCH);
    }

    @Test
    void anEventThatNamesItsAccountIsItsOwnAnswer() {
        VoiceConnectorCreatedEvent created = new VoiceConnectorCreatedEvent("vc1", "111122223333", "n", "us-east-1",
                true, null, null, Instant.EPOCH);

        assertThat(owners.ownerOf("vc1", created)).contains("111122223333");
        assertThat(lookups).hasValue(0);
    }

    @Test
    void theRecordedOwnerIsLookedUpOnceAndKept() {
        records.put("vc1", "111122223333");

        assertThat(owners.ownerOf("vc1", numbers("vc1"))).contains("111122223333");
        assertThat(owners.ownerOf("vc1", numbers("vc1"))).contains("111122223333");
        assertThat(lookups).hasValue(1);
        assertThat(waits).hasValue(0);
    }

    @Test
    void aStreamAheadOfTheProjectionWaitsForItBeforeDeciding() {
        AtomicInteger calls = new AtomicInteger();
        ConnectorOwners lagging = new ConnectorOwners(connector -> calls.incrementAndGet() == 1
                ? Optional.empty() : Optional.of("111122223333"), waits::incrementAndGet);

        assertThat(lagging.ownerOf("vc1", numbers("vc1"))).contains("111122223333");
        assertThat(waits).hasValue(1);
    }

    @Test
    void aConnectorNobodyIsKnownToOwnIsNobodysAndNotRemembered() {
        assertThat(owners.ownerOf("vc1", numbers("vc1"))).isEmpty();
        assertThat(owners.ownerOf("vc1", numbers("vc1"))).isEmpty();
        assertThat(waits).hasValue(2);
    }
}
