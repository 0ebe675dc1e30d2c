package io.proxyline.query.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.proxyline.api.wire.AwsErrorCode;
import io.proxyline.api.wire.ProxyRejected;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PageTokenTest {

    @Test
    void roundTripsAPosition() {
        String token = PageToken.encode("proxy-sessions", "vc-1", 1234);

        assertThat(PageToken.decode(token, "proxy-sessions", "vc-1")).isEqualTo(1234);
        assertThat(token).matches("[A-Za-z0-9_-]+");
    }

    @Test
    void scopeMayContainTheSeparator() {
        String token = PageToken.encode("phone-numbers", "connector:a|b", 7);

        assertThat(PageToken.decode(token, "phone-numbers", "connector:a|b")).isEqualTo(7);
    }

    @Test
    void tokenOfAnotherListIsRefused() {
        String token = PageToken.encode("proxy-sessions", "vc-1", 10);

        assertBadRequest(() -> PageToken.decode(token, "proxy-sessions", "vc-2"));
        assertBadRequest(() -> PageToken.decode(token, "voice-connectors", "vc-1"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "%%%", "not base64!", "djF8cHJveHktc2Vzc2lvbnN8dmMtMXw", "AAAA"})
    void malformedTokensAreBadRequests(String token) {
        assertBadRequest(() -> PageToken.decode(token, "proxy-sessions", "vc-1"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1", "1e3", "99999999999999999999", " 1"})
    void forgedPositionsAreBadRequests(String position) {
        String forged = Base64.getUrlEncoder().withoutPadding()
                .encodeToString(("v1|proxy-sessions|vc-1|" + position).getBytes(StandardCharsets.UTF_8));

        assertBadRequest(() -> PageToken.decode(forged, "proxy-sessions", "vc-1"));
    }

    private static void assertBadRequest(Runnable decode) {
        assertThatThrownBy(decode::run)
                .isInstanceOfSatisfying(ProxyRejected.class, e -> assertThat(e.code()).isEqualTo(AwsErrorCode.BAD_REQUEST));
    }
}
