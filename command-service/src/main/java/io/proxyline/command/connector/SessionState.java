package io.proxyline.command.connector;

import io.proxyline.api.session.Capability;
import io.proxyline.api.session.GeoMatchLevel;
import io.proxyline.api.session.GeoMatchParams;
import io.proxyline.api.session.NumberSelectionBehavior;
import io.proxyline.api.session.SessionStatus;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/** What the connector remembers of one of its sessions; changed only by its event handlers. */
final class SessionState {
    String id;
    String name;
    List<String> participants;
    String proxyNumber;
    Set<Capability> capabilities;
    int expiryMinutes;
    NumberSelectionBehavior selection;
    GeoMatchLevel geoMatchLevel;
    GeoMatchParams geoMatchParams;
    Instant createdAt;
    Instant updatedAt;
    /** Set once a closing is recorded; until then the session may still have ended by time. */
    Instant endedAt;
    SessionStatus recordedStatus = SessionStatus.OPEN;

    Instant expiresAt() {
        return createdAt.plusSeconds(60L * expiryMinutes);
    }

    /** Recorded as active: not yet closed by an event (it may have expired by the clock). */
    boolean recordedActive() {
        return recordedStatus.isActive();
    }

    /** Active at {@code now}: not closed and not past its expiry instant. */
    boolean activeAt(Instant now) {
        return recordedActive() && now.isBefore(expiresAt());
    }

    SessionStatus statusAt(Instant now) {
        return activeAt(now) ? recordedStatus : SessionStatus.CLOSED;
    }

    Instant endedAt(Instant now) {
        if (endedAt != null) return endedAt;
        return activeAt(now) ? null : expiresAt();
    }

    /** Value equality, so Axon's test fixture can compare state built by handling and by sourcing. */
    @Override
    public boolean equals(Object o) {
        return o instanceof SessionState s && Objects.equals(id, s.id) && Objects.equals(name, s.name)
                && Objects.equals(participants, s.participants) && Objects.equals(proxyNumber, s.proxyNumber)
                && Objects.equals(capabilities, s.capabilities) && expiryMinutes == s.expiryMinutes
                && selection == s.selection && geoMatchLevel == s.geoMatchLevel
                && Objects.equals(geoMatchParams, s.geoMatchParams) && Objects.equals(createdAt, s.createdAt)
                && Objects.equals(updatedAt, s.updatedAt) && Objects.equals(endedAt, s.endedAt)
                && recordedStatus == s.recordedStatus;
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, proxyNumber, expiryMinutes, recordedStatus);
    }
}
