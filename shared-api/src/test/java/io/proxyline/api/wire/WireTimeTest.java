package io.proxyline.api.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class WireTimeTest {

    @Test
    void alwaysPrintsMilliseconds() {
        assertThat(WireTime.format(Instant.parse("2020-04-15T16:10:10.288Z"))).isEqualTo("2020-04-15T16:10:10.288Z");
        assertThat(WireTime.format(Instant.parse("2020-04-15T16:10:10Z"))).isEqualTo("2020-04-15T16:10:10.000Z");
    }

    @Test
    void truncatesFinerPrecision() {
        assertThat(WireTime.format(Instant.parse("2020-04-15T16:10:10.123456789Z"))).isEqualTo("2020-04-15T16:10:10.123Z");
    }

    @Test
    void nullStaysNull() {
        assertThat(WireTime.format(null)).isNull();
    }
}
