package io.proxyline.query.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class SessionAtInstantMillisTest {
    @Test
    void anInstantAsTheWireShowsItCoversItsWholeMillisecond() {
        Instant created = Instant.parse("2026-11-24T20:22:10.242817Z");
        Instant shown = Instant.parse("2026-11-24T20:22:10.242Z");

        assertThat(SessionAtInstant.endOfMillisecond(shown)).isAfterOrEqualTo(created)
                .isBefore(Instant.parse("2026-11-24T20:22:10.243Z"));
        assertThat(SessionAtInstant.endOfMillisecond(Instant.parse("2026-11-24T20:22:10.241999999Z")))
                .isBefore(created);
    }
}
