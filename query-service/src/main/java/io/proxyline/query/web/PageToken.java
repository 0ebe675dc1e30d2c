package io.proxyline.query.web;

import io.proxyline.api.wire.ProxyRejected;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Opaque {@code NextToken}s: a position in one list, bound to the list it came from (its kind
 * and scope, e.g. the connector id) so a token replayed against another list is refused. Forging
 * a position gains nothing: every item is still checked against the caller.
 */
public final class PageToken {
    private static final String VERSION = "v1";
    private static final char SEPARATOR = '|';

    private PageToken() {}

    public static String encode(String kind, String scope, long position) {
        String plain = VERSION + SEPARATOR + kind + SEPARATOR + scope + SEPARATOR + position;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The position in a token issued by {@link #encode} for the same kind and scope; anything
     * else is a BadRequest.
     */
    public static long decode(String token, String kind, String scope) {
        String plain;
        try {
            plain = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw invalid();
        }
        String prefix = VERSION + SEPARATOR + kind + SEPARATOR + scope + SEPARATOR;
        if (!plain.startsWith(prefix)) {
            throw invalid();
        }
        String digits = plain.substring(prefix.length());
        if (digits.isEmpty() || digits.length() > 18 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw invalid();
        }
        return Long.parseLong(digits);
    }

    private static ProxyRejected invalid() {
        return ProxyRejected.badRequest("Invalid NextToken");
    }
}
