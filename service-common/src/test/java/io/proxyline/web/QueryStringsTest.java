package io.proxyline.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.proxyline.api.wire.ProxyRejected;
import java.util.List;
import org.junit.jupiter.api.Test;

class QueryStringsTest {

    @Test
    void decodesPercentEscapesAndKeepsPlusLiteral() {
        assertThat(QueryStrings.parse("next-token=a%2Bb+c%20d&x=%E2%98%8E"))
                .containsEntry("next-token", List.of("a+b+c d"))
                .containsEntry("x", List.of("\u260E"));
    }

    @Test
    void keepsRepeatedNamesInOrderAndBareNamesAsEmpty() {
        assertThat(QueryStrings.parse("a=1&flag&a=2&&b="))
                .containsEntry("a", List.of("1", "2"))
                .containsEntry("flag", List.of(""))
                .containsEntry("b", List.of(""));
        assertThat(QueryStrings.parse(null)).isEmpty();
    }

    @Test
    void rejectsBrokenEscapesAndInvalidUtf8() {
        for (String query : List.of("a=%", "a=%4", "a=%G1", "a=%C3")) {
            assertThatThrownBy(() -> QueryStrings.parse(query)).as(query).isInstanceOf(ProxyRejected.class);
        }
    }
}
