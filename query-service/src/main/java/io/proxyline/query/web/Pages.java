package io.proxyline.query.web;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * Pages over a list kept in a stable order of positions 0..end-1 (creation order), which is what
 * makes paging stable: items created while a client pages get higher positions, so it never sees
 * one twice and never misses one that existed when it started.
 *
 * <p>The work per request is bounded: at most {@link #window(int)} positions are examined. When
 * filters or deleted items leave the page short, it is returned short with a NextToken, as AWS
 * allows.
 */
public final class Pages {
    private static final int WINDOW_FACTOR = 4;
    private static final int MIN_CHUNK = 25;

    private Pages() {}

    /** An item and its position in the list. */
    public record Positioned<T>(long position, T value) {}

    /** Reads the visible items among positions {@code [from, from + count)}, in ascending position. */
    @FunctionalInterface
    public interface Source<T> {
        List<Positioned<T>> read(long from, int count);
    }

    /** One page and where the next one starts, if anything is left. */
    public record Page<T>(List<T> items, OptionalLong next) {}

    /** How many positions one request may examine. */
    public static int window(int maxResults) {
        return Math.max(maxResults, 100) * WINDOW_FACTOR;
    }

    public static <T> Page<T> collect(long start, long end, int maxResults, Source<T> source) {
        List<T> items = new ArrayList<>(maxResults);
        long limit = Math.min(end, start + window(maxResults));
        long position = start;
        while (position < limit) {
            int wanted = maxResults - items.size();
            // Chunks no smaller than MIN_CHUNK keep the number of round trips low when many
            // positions are filtered out.
            int count = (int) Math.min(limit - position, Math.max(wanted, MIN_CHUNK));
            for (Positioned<T> item : source.read(position, count)) {
                items.add(item.value());
                if (items.size() == maxResults) {
                    return new Page<>(items, nextFrom(item.position() + 1, end));
                }
            }
            position += count;
        }
        return new Page<>(items, nextFrom(position, end));
    }

    private static OptionalLong nextFrom(long position, long end) {
        return position < end ? OptionalLong.of(position) : OptionalLong.empty();
    }
}
