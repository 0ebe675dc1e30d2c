package io.proxyline.api.wire;

/**
 * Load shedding for writes: asked before a write is accepted, it refuses with a 503
 * {@code ServiceUnavailableException} when accepting more would break a promise already made
 * (read-after-write: an acknowledged write must be visible to the next read within the
 * documented bound). Provided by the side that knows how far behind it is; without one, every
 * write is admitted.
 */
public interface WriteAdmission {
    /** Returns if the write may go ahead; throws {@link ProxyRejected} (503) if not. */
    void admit();
}
