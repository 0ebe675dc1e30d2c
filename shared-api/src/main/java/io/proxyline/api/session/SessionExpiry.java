package io.proxyline.api.session;

import java.time.Instant;

/**
 * When a proxy session expires, and what it reads as at an instant: the one home of the rule
 * that the command side (routing, updates, the sweeper's schedule) and the read side (Get, List,
 * {@code ?at=}) both apply. Expiry counts from creation, so an update of {@code ExpiryMinutes}
 * moves it; from the expiry instant on a session is never {@code Open} or {@code InProgress},
 * whether or not its closing is recorded yet, and it ended at that instant.
 */
public record SessionExpiry(Instant createdAt, int expiryMinutes) {

    public Instant expiresAt() {
        return createdAt.plusSeconds(60L * expiryMinutes);
    }

    /** Not expired at {@code now}: the expiry instant itself is already past it. */
    public boolean activeAt(Instant now) {
        return now.isBefore(expiresAt());
    }

    /**
     * @param recorded the status the events recorded so far
     * @return {@code recorded}, or {@code Closed} once an active session's expiry has passed
     */
    public SessionStatus statusAt(SessionStatus recorded, Instant now) {
        return expiredUnrecorded(recorded, now) ? SessionStatus.CLOSED : recorded;
    }

    /**
     * @param recordedEnd the ended instant the events recorded, null while none was
     * @return {@code recordedEnd}, or the expiry instant once an active session's expiry has passed
     */
    public Instant endedAt(SessionStatus recorded, Instant recordedEnd, Instant now) {
        return expiredUnrecorded(recorded, now) ? expiresAt() : recordedEnd;
    }

    private boolean expiredUnrecorded(SessionStatus recorded, Instant now) {
        return recorded.isActive() && !activeAt(now);
    }
}
