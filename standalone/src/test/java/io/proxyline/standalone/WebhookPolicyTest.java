package io.proxyline.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import io.proxyline.testing.SignedHttp;
import org.junit.jupiter.api.Test;

/**
 * With the defaults, a subscription may not point at this machine, a private network or a cloud
 * metadata address (server-side request forgery), and nothing is recorded when it is refused.
 */
class WebhookPolicyTest extends StandaloneTestBase {

    @Test
    void urlsToNonPublicAddressesAreRefusedWithA400AndRecordNothing() {
        SignedHttp http = SignedHttp.to(endpoint()).as(KEY_B, SECRET_B);
        for (String url : new String[] {"http://127.0.0.1:9/hook", "http://localhost/hook", "http://10.1.2.3/hook",
                "http://169.254.169.254/latest/meta-data", "http://[::1]/hook", "http://192.168.0.10/"}) {
            SignedHttp.Response r = http.post("/event-subscriptions", "{\"Url\":\"" + url + "\"}");
            assertThat(r.status()).as(url + " " + r.text()).isEqualTo(400);
            assertThat(r.json().path("Message").asText()).as(url).contains("allow-private-addresses");
        }
        assertThat(http.get("/event-subscriptions").json().path("EventSubscriptions")).isEmpty();
    }
}
