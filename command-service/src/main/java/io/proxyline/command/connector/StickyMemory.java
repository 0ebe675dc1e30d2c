package io.proxyline.command.connector;

import java.time.Duration;

/**
 * How long a connector remembers the proxy number a participant pair had, counted from the end of
 * the pair's last session ({@code proxyline.routing.sticky-window}, default 30 days). A pair
 * forgotten is a pair seen for the first time: PreferSticky then picks the least-used free number.
 */
public record StickyMemory(Duration window) {
    public static final Duration DEFAULT_WINDOW = Duration.ofDays(30);

    public StickyMemory {
        if (window == null || window.isNegative()) throw new IllegalArgumentException("sticky window must be ≥ 0");
    }
}
