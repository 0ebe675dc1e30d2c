package io.proxyline.query.consistency;

import java.time.Duration;
import java.util.List;

/** {@link ReadConsistency} instances for tests outside this package. */
public final class ReadConsistencies {
    private ReadConsistencies() {}

    /** One with no processors to wait for, as in a context whose processors are not running. */
    public static ReadConsistency nothingToWaitFor() {
        return new ReadConsistency(() -> null, List::of, new ProjectionProgress(), Duration.ofSeconds(2), Duration.ofMillis(500));
    }
}
