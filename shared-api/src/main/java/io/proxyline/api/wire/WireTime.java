package io.proxyline.api.wire;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Timestamps as the AWS model prints them, in every answer of both services: ISO-8601 in UTC
 * with exactly three fractional digits ({@code 2020-04-15T16:10:10.288Z}).
 * {@link DateTimeFormatter#ISO_INSTANT} would drop a zero fraction or print micros, which some
 * clients parse differently.
 */
public final class WireTime {
    private static final DateTimeFormatter ISO_MILLIS =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private WireTime() {}

    /** Null for null, so an absent instant stays an absent member. */
    public static String format(Instant instant) {
        return instant == null ? null : ISO_MILLIS.format(instant);
    }
}
