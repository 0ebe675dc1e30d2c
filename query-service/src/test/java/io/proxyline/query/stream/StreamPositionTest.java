package io.proxyline.query.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.proxyline.api.wire.AwsErrorCode;
import io.proxyline.api.wire.ProxyRejected;
import java.util.List;
import java.util.Set;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.junit.jupiter.api.Test;

class StreamPositionTest {

    @Test
    void aTokenWithoutGapsIsItsIndex() {
        assertThat(StreamPosition.encode(GapAwareTrackingToken.newInstance(12345, Set.of()))).contains("g:12345");
        assertThat(StreamPosition.decode("g:12345", "After").token())
                .isEqualTo(GapAwareTrackingToken.newInstance(12345, Set.of()));
    }

    @Test
    void gapsTravelWithThePositionAsRanges() {
        GapAwareTrackingToken token = GapAwareTrackingToken.newInstance(20, List.of(3L, 7L, 8L, 9L, 12L));

        String text = StreamPosition.encode(token).orElseThrow();

        assertThat(text).isEqualTo("g:20:3,7-9,12");
        assertThat(StreamPosition.decode(text, "LastEventId").token()).isEqualTo(token);
    }

    @Test
    void zeroIsTheTail() {
        assertThat(StreamPosition.decode("0", "After")).isEqualTo(StreamPosition.TAIL);
        assertThat(StreamPosition.TAIL.token()).isNull();
        assertThat(StreamPosition.encode(null)).contains("0");
    }

    @Test
    void anotherStoresTokenHasNoPosition() {
        assertThat(StreamPosition.encode(new GlobalSequenceTrackingToken(5))).isEmpty();
    }

    @Test
    void whatWasNotWrittenHereIsABadRequest() {
        for (String bad : List.of("g:5:7", "g:5:3,2", "g:5:2-1", "g:5:1-2,2", "g:5:5", "x:5", "g:5:1:2",
                "g:99999999999:0-99999999")) {
            assertThatThrownBy(() -> StreamPosition.decode(bad, "After"))
                    .as(bad)
                    .isInstanceOfSatisfying(ProxyRejected.class,
                            e -> assertThat(e.code()).isEqualTo(AwsErrorCode.BAD_REQUEST))
                    .hasMessageContaining("'After'");
        }
    }
}
