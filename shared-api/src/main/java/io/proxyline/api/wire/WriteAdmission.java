package io.proxyline.api.wire;

/**
 * Load shedding for writes: asked before a write is accepted, it refuses with a 503
 * {@code ServiceUnavailableException} when accepting more would break a promise already made
 * (read-after-write: an acknowledged write must be visible to the next read within the
 * documented bound; durability: a write the disk may not hold). Provided by what knows the
 * limit (the projections' backlog, the data directory's free space); without one, every write
 * is admitted. Every provider is asked.
 */
public interface WriteAdmission {
    /** Returns if the client write may go ahead; throws {@link ProxyRejected} (503) if not. */
    void admit();

    /**
     * Returns if a routing decision may be recorded; throws {@link ProxyRejected} (503) if not. A
     * call waits on the decision, so only what makes recording impossible refuses it.
     */
    default void admitRoutingDecision() {}
}
