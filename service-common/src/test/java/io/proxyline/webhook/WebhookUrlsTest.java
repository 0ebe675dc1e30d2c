package io.proxyline.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class WebhookUrlsTest {

    @Test
    void nonPublicAddressesAreNotPublic() throws Exception {
        for (String address : new String[] {"127.0.0.1", "10.0.0.1", "172.16.5.4", "192.168.1.1", "169.254.169.254",
                "0.0.0.0", "100.64.0.1", "224.0.0.1", "240.0.0.1", "198.18.0.1", "192.0.0.8", "::1", "fd00::1",
                "fe80::1", "::"}) {
            assertThat(WebhookUrls.isPublic(InetAddress.getByName(address))).as(address).isFalse();
        }
    }

    @Test
    void publicAddressesArePublic() throws Exception {
        for (String address : new String[] {"93.184.216.34", "8.8.8.8", "100.128.0.1", "172.32.0.1",
                "2606:4700::1111"}) {
            assertThat(WebhookUrls.isPublic(InetAddress.getByName(address))).as(address).isTrue();
        }
    }

    @Test
    void privateUrlsAreRefusedUnlessAllowed() {
        assertThat(WebhookUrls.problem("http://127.0.0.1:8080/x", false)).get().asString()
                .contains("non-public address (127.0.0.1)").contains("allow-private-addresses");
        assertThat(WebhookUrls.problem("http://[::1]/x", false)).isPresent();
        assertThat(WebhookUrls.problem("http://127.0.0.1:8080/x", true)).isEmpty();
        assertThat(WebhookUrls.problem("https://93.184.216.34/hook", false)).isEmpty();
    }

    @Test
    void theUrlsShapeIsCheckedWhateverTheAddressPolicy() {
        assertThat(WebhookUrls.problem("ftp://example.com/x", true)).get().asString().contains("http or https");
        assertThat(WebhookUrls.problem("/relative", true)).isPresent();
        assertThat(WebhookUrls.problem("http://user:pw@example.com/x", true)).get().asString().contains("user info");
        assertThat(WebhookUrls.problem("http://example.com/x#f", true)).get().asString().contains("fragment");
        assertThat(WebhookUrls.problem("http://exa mple.com/", true)).get().asString().contains("not a valid URI");
        assertThat(WebhookUrls.problem("http:///nohost", true)).get().asString().contains("host");
    }

    @Test
    void aNameThatDoesNotResolveIsRefused() {
        assertThat(WebhookUrls.problem("https://no-such-host.invalid/x", false)).get().asString()
                .contains("does not resolve");
    }
}
