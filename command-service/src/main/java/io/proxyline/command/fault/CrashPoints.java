package io.proxyline.command.fault;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Test-only crash injection between the steps of multi-step work. With
 * {@code proxyline.testing.halt-at} naming a step (comma-separated for several), the JVM halts
 * there at once, as kill -9 would: no shutdown hooks, no flush, no orderly close of the stores.
 * Unset (the default) it does nothing. The crash-recovery system test sets it; nothing else should.
 */
@Component
public class CrashPoints {
    private static final Logger log = LoggerFactory.getLogger(CrashPoints.class);
    /** Associate: the numbers are claimed in the inventory, not yet added to the connector. */
    public static final String ASSOCIATION_CLAIMED = "association-claimed";
    /** Associate: the numbers are on the connector, the outcome is not yet recorded. */
    public static final String ASSOCIATION_ADDED = "association-added";
    /** Disassociate: the numbers are off the connector, their claims not yet released. */
    public static final String DISASSOCIATION_REMOVED = "disassociation-removed";
    /** Disassociate: the claims are released, the outcome is not yet recorded. */
    public static final String DISASSOCIATION_RELEASED = "disassociation-released";

    private final Set<String> armed;

    public CrashPoints(@Value("${proxyline.testing.halt-at:}") String haltAt) {
        this.armed = Arrays.stream(haltAt.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
        if (!armed.isEmpty()) log.warn("TEST ONLY: the JVM halts at {}", armed);
    }

    /** Halts the JVM if {@code point} is armed. */
    public void reached(String point) {
        if (armed.contains(point)) {
            log.warn("TEST ONLY: halting at {}", point);
            Runtime.getRuntime().halt(137);
        }
    }
}
