package io.proxyline.web;

import static io.proxyline.web.AwsWebLayerTest.assertAwsError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.proxyline.testing.AwsClients;
import io.proxyline.testing.SignedHttp;
import io.proxyline.testing.TestCredentials;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import software.amazon.awssdk.services.chimesdkvoice.ChimeSdkVoiceClient;
import software.amazon.awssdk.services.chimesdkvoice.model.ThrottledClientException;

/** Per-account throttling, with a limit small enough to hit: one request per second, no burst. */
@SpringBootTest(classes = AwsWebLayerTest.TestApp.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {TestCredentials.ACCESS_KEY_PROPERTY, TestCredentials.SECRET_PROPERTY, TestCredentials.ACCOUNT_PROPERTY,
                TestCredentials.OTHER_ACCESS_KEY_PROPERTY, TestCredentials.OTHER_SECRET_PROPERTY,
                TestCredentials.OTHER_ACCOUNT_PROPERTY,
                "proxyline.rate-limit.requests-per-second=1", "proxyline.rate-limit.burst=1"})
class RateLimitTest {
    @LocalServerPort
    int port;

    private URI endpoint() {
        return URI.create("http://localhost:" + port);
    }

    @Test
    void anAccountOverItsRateIsThrottledInTheAwsShapeWhileOtherAccountsAreNot() {
        SignedHttp first = SignedHttp.to(endpoint());
        List<SignedHttp.Response> responses = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            responses.add(first.get("/phone-numbers/%2B12065550100"));
        }

        // The account's single token may already be spent by another test in this class.
        assertThat(responses).extracting(SignedHttp.Response::status).isSubsetOf(200, 429);
        SignedHttp.Response throttled = responses.stream().filter(r -> r.status() == 429).findFirst().orElseThrow();
        assertAwsError(throttled, 429, "ThrottledClient", "Rate exceeded: account " + TestCredentials.ACCOUNT_ID);

        SignedHttp other = first.as(TestCredentials.OTHER_ACCESS_KEY_ID, TestCredentials.OTHER_SECRET_ACCESS_KEY);
        assertThat(other.get("/phone-numbers/%2B12065550100").status()).isEqualTo(200);
    }

    @Test
    void theSdkSeesThrottledClientException() {
        try (ChimeSdkVoiceClient client = AwsClients.chimeSdkVoice(endpoint())) {
            ThrottledClientException e = null;
            for (int i = 0; i < 5 && e == null; i++) {
                e = catchThrowableOfType(ThrottledClientException.class,
                        () -> client.getPhoneNumber(r -> r.phoneNumberId("+12065550100")));
            }
            assertThat(e).isNotNull();
            assertThat(e.statusCode()).isEqualTo(429);
        }
    }

    @Test
    void theHealthCheckIsNeverThrottled() {
        for (int i = 0; i < 5; i++) {
            assertThat(SignedHttp.sendUnsigned(endpoint(), "GET", "/actuator/health", new byte[0], Map.of()).status())
                    .isEqualTo(200);
        }
    }
}
