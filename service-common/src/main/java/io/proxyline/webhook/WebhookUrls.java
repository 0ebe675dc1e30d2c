package io.proxyline.webhook;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;

/**
 * Which URLs a subscription may deliver to. Absolute {@code http}/{@code https} URLs with a host,
 * no user info and no fragment. Unless {@code proxyline.webhooks.allow-private-addresses} is set,
 * the host must resolve only to public addresses: a subscriber must not be able to make
 * Proxyline POST to its own loopback interface, its private network or a cloud metadata address
 * (server-side request forgery). Checked when a subscription is created and again before each
 * delivery attempt (a name may be re-pointed after creation).
 */
public final class WebhookUrls {
    private WebhookUrls() {}

    /** Empty when the URL may be used; otherwise why not, as a message for the caller. */
    public static Optional<String> problem(String url, boolean allowPrivateAddresses) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return Optional.of("Url is not a valid URI: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!uri.isAbsolute() || !(scheme.equals("http") || scheme.equals("https"))) {
            return Optional.of("Url must be an absolute http or https URL");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            return Optional.of("Url must name a host");
        }
        if (uri.getRawUserInfo() != null) {
            return Optional.of("Url must not carry user info; the signature authenticates deliveries");
        }
        if (uri.getRawFragment() != null) {
            return Optional.of("Url must not have a fragment");
        }
        if (allowPrivateAddresses) {
            return Optional.empty();
        }
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(uri.getHost());
        } catch (UnknownHostException e) {
            return Optional.of("Url's host " + uri.getHost() + " does not resolve");
        }
        for (InetAddress address : addresses) {
            if (!isPublic(address)) {
                return Optional.of("Url's host " + uri.getHost() + " resolves to a non-public address ("
                        + address.getHostAddress() + "); this deployment delivers only to public addresses "
                        + "(proxyline.webhooks.allow-private-addresses)");
            }
        }
        return Optional.empty();
    }

    static boolean isPublic(InetAddress address) {
        if (address.isAnyLocalAddress() || address.isLoopbackAddress() || address.isLinkLocalAddress()
                || address.isSiteLocalAddress() || address.isMulticastAddress()) {
            return false;
        }
        byte[] b = address.getAddress();
        if (address instanceof Inet6Address) {
            // fc00::/7, unique local addresses (IPv6's private networks)
            return (b[0] & 0xfe) != 0xfc;
        }
        int first = b[0] & 0xff;
        int second = b[1] & 0xff;
        // 100.64.0.0/10 carrier-grade NAT, 0.0.0.0/8, 192.0.0.0/24, 198.18.0.0/15 benchmarking, 240.0.0.0/4 reserved
        return !(first == 0 || (first == 100 && second >= 64 && second < 128)
                || (first == 192 && second == 0 && (b[2] & 0xff) == 0)
                || (first == 198 && (second == 18 || second == 19)) || first >= 240);
    }
}
