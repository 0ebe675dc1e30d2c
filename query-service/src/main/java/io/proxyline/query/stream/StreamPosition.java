package io.proxyline.query.stream;

import io.proxyline.api.wire.ProxyRejected;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackingToken;

/**
 * A position in the event stream as text, for SSE's {@code id:} field and {@code Last-Event-ID}:
 * the JDBC event store's {@link GapAwareTrackingToken}, whole. {@code g:<index>} when the token
 * has no gaps, {@code g:<index>:<gap>,<from>-<to>,…} when it has: a gap is a global index below
 * the token's that was not committed yet when the event after it was read (an open transaction,
 * or a rolled-back one). The gaps are part of the position because a stream delivers a late
 * commit after higher indexes: resuming from the index alone would skip it, and naming the late
 * event's own index would repeat everything after it. {@code 0} is the tail (before the first
 * event). Axon drops gaps beyond its gap window, so the list stays short.
 */
record StreamPosition(TrackingToken token) {
    /** The tail: every stored event comes after it. */
    static final StreamPosition TAIL = new StreamPosition(null);

    /** More gaps than Axon's default gap window (10,000 indexes) can hold is not a position we wrote. */
    static final int MAX_GAPS = 10_000;

    /** The text of a JDBC store's token; empty for a token of another kind (the MongoDB profile's). */
    static Optional<String> encode(TrackingToken token) {
        if (token == null) {
            return Optional.of("0");
        }
        if (!(token instanceof GapAwareTrackingToken gapAware)) {
            return Optional.empty();
        }
        StringBuilder text = new StringBuilder("g:").append(gapAware.getIndex());
        SortedSet<Long> gaps = gapAware.getGaps();
        if (!gaps.isEmpty()) {
            text.append(':');
            Iterator<Long> it = gaps.iterator();
            long from = it.next();
            long to = from;
            List<String> ranges = new ArrayList<>();
            while (it.hasNext()) {
                long next = it.next();
                if (next == to + 1) {
                    to = next;
                } else {
                    ranges.add(range(from, to));
                    from = next;
                    to = next;
                }
            }
            ranges.add(range(from, to));
            text.append(String.join(",", ranges));
        }
        return Optional.of(text.toString());
    }

    private static String range(long from, long to) {
        return from == to ? Long.toString(from) : from + "-" + to;
    }

    /**
     * Reads a position this class wrote. The model's pattern has checked the syntax already; this
     * checks what a pattern cannot (gaps ascending and below the index, a bounded number of them).
     *
     * @param member the input member it came from, for the message
     */
    static StreamPosition decode(String text, String member) {
        if (text.equals("0")) {
            return TAIL;
        }
        try {
            if (!text.startsWith("g:")) {
                throw invalid(text, member);
            }
            String[] parts = text.substring(2).split(":", -1);
            if (parts.length > 2) {
                throw invalid(text, member);
            }
            long index = Long.parseLong(parts[0]);
            TreeSet<Long> gaps = new TreeSet<>();
            if (parts.length == 2) {
                long previous = -1;
                for (String range : parts[1].split(",", -1)) {
                    int dash = range.indexOf('-');
                    long from = Long.parseLong(dash < 0 ? range : range.substring(0, dash));
                    long to = dash < 0 ? from : Long.parseLong(range.substring(dash + 1));
                    if (from <= previous || to < from || to >= index || gaps.size() + (to - from + 1) > MAX_GAPS) {
                        throw invalid(text, member);
                    }
                    for (long gap = from; gap <= to; gap++) {
                        gaps.add(gap);
                    }
                    previous = to;
                }
            }
            return new StreamPosition(GapAwareTrackingToken.newInstance(index, gaps));
        } catch (NumberFormatException e) {
            throw invalid(text, member);
        }
    }

    private static ProxyRejected invalid(String text, String member) {
        String shown = text.length() > 64 ? text.substring(0, 64) + "..." : text;
        return ProxyRejected.badRequest("Value '" + shown + "' at '" + member
                + "' failed to satisfy constraint: Member must be a position this event stream sent");
    }
}
