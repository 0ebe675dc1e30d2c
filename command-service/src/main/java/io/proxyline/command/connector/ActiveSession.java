package io.proxyline.command.connector;

import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import com.fasterxml.jackson.annotation.JsonAutoDetect;
import io.proxyline.api.session.Capability;
import io.proxyline.api.session.GeoMatchLevel;
import io.proxyline.api.session.GeoMatchParams;
import io.proxyline.api.session.NumberSelectionBehavior;
import io.proxyline.api.session.ProxySessionCreatedEvent;
import io.proxyline.api.session.ProxySessionView;
import io.proxyline.api.session.SessionExpiry;
import io.proxyline.api.session.SessionStatus;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A session the connector has not recorded as closed: what its rules need while it can still
 * route (it may already have expired by the clock, until the sweeper records the closing). It
 * leaves the connector when its closing or deletion is recorded; its history stays in the event
 * store and the read models. Changed only by the connector's event handlers.
 */
@JsonAutoDetect(fieldVisibility = Visibility.ANY, getterVisibility = Visibility.NONE,
        isGetterVisibility = Visibility.NONE)
final class ActiveSession {
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
    boolean inProgress;

    ActiveSession() {}

    static ActiveSession of(ProxySessionCreatedEvent e) {
        ActiveSession s = new ActiveSession();
        s.id = e.proxySessionId();
        s.name = e.name();
        s.participants = List.copyOf(e.participants());
        s.proxyNumber = e.proxyPhoneNumber();
        s.capabilities = Set.copyOf(e.capabilities());
        s.expiryMinutes = e.expiryMinutes();
        s.selection = e.selection();
        s.geoMatchLevel = e.geoMatchLevel();
        s.geoMatchParams = e.geoMatchParams();
        s.createdAt = e.createdAt();
        s.updatedAt = e.createdAt();
        return s;
    }

    SessionExpiry expiry() {
        return new SessionExpiry(createdAt, expiryMinutes);
    }

    Instant expiresAt() {
        return expiry().expiresAt();
    }

    /** Active at {@code now}: its closing is not recorded (or it would not be here) and it has not expired. */
    boolean activeAt(Instant now) {
        return expiry().activeAt(now);
    }

    /**
     * The session as Create/UpdateProxySession answer it at {@code now}. Its closing is not
     * recorded (or it would not be here): it reads Closed, ended at its expiry, only once that passed.
     */
    ProxySessionView view(String voiceConnectorId, Instant now) {
        SessionStatus recorded = inProgress ? SessionStatus.IN_PROGRESS : SessionStatus.OPEN;
        return new ProxySessionView(voiceConnectorId, id, name, recorded, expiryMinutes, capabilities, createdAt,
                updatedAt, null, participants, proxyNumber, selection, geoMatchLevel, geoMatchParams).at(now);
    }

    String otherParticipant(String participant) {
        return participants.get(0).equals(participant) ? participants.get(1) : participants.get(0);
    }

    /** The sorted participant pair, the key of the sticky memory. */
    String pair() {
        return Routing.pairKey(participants.get(0), participants.get(1));
    }

    /** Value equality, so Axon's test fixture can compare state built by handling and by sourcing. */
    @Override
    public boolean equals(Object o) {
        return o instanceof ActiveSession s && Objects.equals(id, s.id) && Objects.equals(name, s.name)
                && Objects.equals(participants, s.participants) && Objects.equals(proxyNumber, s.proxyNumber)
                && Objects.equals(capabilities, s.capabilities) && expiryMinutes == s.expiryMinutes
                && selection == s.selection && geoMatchLevel == s.geoMatchLevel
                && Objects.equals(geoMatchParams, s.geoMatchParams) && Objects.equals(createdAt, s.createdAt)
                && Objects.equals(updatedAt, s.updatedAt) && inProgress == s.inProgress;
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, proxyNumber, expiryMinutes, inProgress);
    }
}
