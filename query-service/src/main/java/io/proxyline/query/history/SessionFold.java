package io.proxyline.query.history;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.proxyline.api.session.Capability;
import io.proxyline.api.session.GeoMatchLevel;
import io.proxyline.api.session.GeoMatchParams;
import io.proxyline.api.session.NumberSelectionBehavior;
import io.proxyline.api.session.ProxySessionClosedEvent;
import io.proxyline.api.session.ProxySessionCreatedEvent;
import io.proxyline.api.session.ProxySessionDeletedEvent;
import io.proxyline.api.session.ProxySessionEvent;
import io.proxyline.api.session.ProxySessionInProgressEvent;
import io.proxyline.api.session.ProxySessionUpdatedEvent;
import io.proxyline.api.session.ProxySessionView;
import io.proxyline.api.session.ProxySessionWire;
import io.proxyline.api.session.SessionStatus;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A session as it was at an instant, folded from its events. Pure: no store, no clock.
 *
 * <p>An event counts when the instant it reports (created, updated, moved to InProgress, ended,
 * deleted) is at or before the instant asked about: the same instants the session's own
 * timestamps show, so asking at a session's {@code CreatedTimestamp} shows it. Each event is
 * applied as the proxy-sessions read model applies it, and the result is shown as GetProxySession
 * shows it, including the read-time expiry: from its expiry instant on a session is Closed, with
 * that instant as {@code EndedTimestamp}, whether or not the closing was recorded yet.
 */
final class SessionFold {
    private SessionFold() {}

    /** The session's state: what its events recorded, before the read-time expiry. */
    record State(
            String voiceConnectorId,
            String proxySessionId,
            String name,
            SessionStatus status,
            int expiryMinutes,
            Set<Capability> capabilities,
            Instant createdAt,
            Instant updatedAt,
            Instant endedAt,
            List<String> participants,
            String proxyPhoneNumber,
            NumberSelectionBehavior selection,
            GeoMatchLevel geoMatchLevel,
            GeoMatchParams geoMatchParams,
            boolean deleted) {

        static State created(ProxySessionCreatedEvent e) {
            return new State(e.voiceConnectorId(), e.proxySessionId(), e.name(), SessionStatus.OPEN, e.expiryMinutes(),
                    Set.copyOf(e.capabilities()), e.createdAt(), e.createdAt(), null, List.copyOf(e.participants()),
                    e.proxyPhoneNumber(), e.selection(), e.geoMatchLevel(), e.geoMatchParams(), false);
        }

        State updated(ProxySessionUpdatedEvent e) {
            return new State(voiceConnectorId, proxySessionId, name, status, e.expiryMinutes(),
                    Set.copyOf(e.capabilities()), createdAt, e.updatedAt(), endedAt, participants, proxyPhoneNumber,
                    selection, geoMatchLevel, geoMatchParams, deleted);
        }

        /** Only an Open session moves; the move never reopens a Closed one. */
        State inProgress(ProxySessionInProgressEvent e) {
            if (status != SessionStatus.OPEN || deleted) {
                return this;
            }
            return new State(voiceConnectorId, proxySessionId, name, SessionStatus.IN_PROGRESS, expiryMinutes,
                    capabilities, createdAt, e.at(), endedAt, participants, proxyPhoneNumber, selection,
                    geoMatchLevel, geoMatchParams, deleted);
        }

        /** As in the read model, the closing sets EndedTimestamp and leaves UpdatedTimestamp. */
        State closed(ProxySessionClosedEvent e) {
            return new State(voiceConnectorId, proxySessionId, name, SessionStatus.CLOSED, expiryMinutes, capabilities,
                    createdAt, updatedAt, e.endedAt(), participants, proxyPhoneNumber, selection, geoMatchLevel,
                    geoMatchParams, deleted);
        }

        State markedDeleted() {
            return new State(voiceConnectorId, proxySessionId, name, status, expiryMinutes, capabilities, createdAt,
                    updatedAt, endedAt, participants, proxyPhoneNumber, selection, geoMatchLevel, geoMatchParams,
                    true);
        }

        /** GetProxySession's {@code ProxySession} member at {@code at}, as every operation renders a session. */
        ObjectNode toWire(Instant at) {
            return ProxySessionWire.render(new ProxySessionView(voiceConnectorId, proxySessionId, name, status,
                    expiryMinutes, capabilities, createdAt, updatedAt, endedAt, participants, proxyPhoneNumber,
                    selection, geoMatchLevel, geoMatchParams).at(at));
        }
    }

    /**
     * The session as it was at {@code at}: empty before it was created and from its deletion on.
     *
     * @param events the session's events in stream order; events of other sessions and of other
     *     types are ignored
     */
    static Optional<State> at(String proxySessionId, Iterable<?> events, Instant at) {
        State state = null;
        for (Object event : events) {
            Instant when = instantOf(event);
            if (when == null || when.isAfter(at) || !proxySessionId.equals(sessionOf(event))) {
                continue;
            }
            state = apply(state, event);
        }
        return Optional.ofNullable(state).filter(s -> !s.deleted());
    }

    /** The state after {@code event}; an event before the creation changes nothing. */
    static State apply(State state, Object event) {
        if (event instanceof ProxySessionCreatedEvent e) {
            return State.created(e);
        }
        if (state == null) {
            return null;
        }
        if (event instanceof ProxySessionUpdatedEvent e) {
            return state.updated(e);
        }
        if (event instanceof ProxySessionInProgressEvent e) {
            return state.inProgress(e);
        }
        if (event instanceof ProxySessionClosedEvent e) {
            return state.closed(e);
        }
        if (event instanceof ProxySessionDeletedEvent) {
            return state.markedDeleted();
        }
        return state;
    }

    /** The instant a session event reports; null for anything else. */
    static Instant instantOf(Object event) {
        if (event instanceof ProxySessionCreatedEvent e) {
            return e.createdAt();
        }
        if (event instanceof ProxySessionUpdatedEvent e) {
            return e.updatedAt();
        }
        if (event instanceof ProxySessionInProgressEvent e) {
            return e.at();
        }
        if (event instanceof ProxySessionClosedEvent e) {
            return e.endedAt();
        }
        if (event instanceof ProxySessionDeletedEvent e) {
            return e.deletedAt();
        }
        return null;
    }

    private static String sessionOf(Object event) {
        return event instanceof ProxySessionEvent e ? e.proxySessionId() : null;
    }
}
