package io.proxyline.query.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class TimestampsTest {

    @Test
    void alwaysPrintsMilliseconds() {
        assertThat(Timestamps.format(Instant.parse("2020-04-15T16:10:10.288Z"))).isEqualTo("2020-04-15T16:10:10.288Z");
        assertThat(Timestamps.format(Instant.parse("2020-04-15T16:10:10Z"))).isEqualTo("2020-04-15T16:10:10.000Z");
    }

    @Test
    void truncatesFinerPrecision() {
        assertThat(Timestamps.format(Instant.parse("2020-04-15T16:10:10.123456789Z"))).isEqualTo("2020-04-15T16:10:10.123Z");
    }
}
