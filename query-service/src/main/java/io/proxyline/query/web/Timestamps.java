package io.proxyline.query.web;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Date;

/**
 * Timestamps as the AWS model prints them: ISO-8601 in UTC with exactly three fractional digits
 * ({@code 2020-04-15T16:10:10.288Z}). {@link DateTimeFormatter#ISO_INSTANT} would drop a zero
 * fraction or print micros, which some clients parse differently.
 */
public final class Timestamps {
    private static final DateTimeFormatter ISO_MILLIS =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private Timestamps() {}

    public static String format(Instant instant) {
        return ISO_MILLIS.format(instant);
    }

    /** Read models store instants as BSON dates, i.e. at millisecond precision. */
    public static Date toDate(Instant instant) {
        return Date.from(instant);
    }
}
