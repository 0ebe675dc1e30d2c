package io.proxyline.query.history;

import io.proxyline.api.session.ProxySessionClosedEvent;
import io.proxyline.api.session.ProxySessionCreatedEvent;
import io.proxyline.api.session.ProxySessionDeletedEvent;
import io.proxyline.api.session.ProxySessionEvent;
import io.proxyline.api.session.ProxySessionInProgressEvent;
import io.proxyline.api.session.ProxySessionUpdatedEvent;
import io.proxyline.api.session.ProxySessionView;
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
 * shows it ({@link ProxySessionView#at}, then ProxySessionWire), including the read-time expiry:
 * from its expiry instant on a session is Closed, with that instant as {@code EndedTimestamp},
 * whether or not the closing was recorded yet.
 */
final class SessionFold {
    private SessionFold() {}

    /**
     * The session as it was at {@code at}, as its events recorded it (render it through
     * {@link ProxySessionView#at}, which adds the read-time expiry): empty before it was created
     * and from its deletion on.
     *
     * @param events the session's events in stream order; events of other sessions and of other
     *     types are ignored
     */
    static Optional<ProxySessionView> at(String proxySessionId, Iterable<?> events, Instant at) {
        ProxySessionView state = null;
        boolean deleted = false;
        for (Object event : events) {
            Instant when = instantOf(event);
            if (when == null || when.isAfter(at) || !proxySessionId.equals(sessionOf(event))) {
                continue;
            }
            if (event instanceof ProxySessionCreatedEvent) {
                deleted = false;
            } else if (event instanceof ProxySessionDeletedEvent && state != null) {
                deleted = true;
            }
            state = apply(state, event);
        }
        return deleted ? Optional.empty() : Optional.ofNullable(state);
    }

    /** The state after {@code event}; an event before the creation changes nothing. */
    static ProxySessionView apply(ProxySessionView s, Object event) {
        if (event instanceof ProxySessionCreatedEvent e) {
            return new ProxySessionView(e.voiceConnectorId(), e.proxySessionId(), e.name(), SessionStatus.OPEN,
                    e.expiryMinutes(), Set.copyOf(e.capabilities()), e.createdAt(), e.createdAt(), null,
                    List.copyOf(e.participants()), e.proxyPhoneNumber(), e.selection(), e.geoMatchLevel(),
                    e.geoMatchParams());
        }
        if (s == null) {
            return null;
        }
        if (event instanceof ProxySessionUpdatedEvent e) {
            return new ProxySessionView(s.voiceConnectorId(), s.proxySessionId(), s.name(), s.status(),
                    e.expiryMinutes(), Set.copyOf(e.capabilities()), s.createdAt(), e.updatedAt(), s.endedAt(),
                    s.participants(), s.proxyPhoneNumber(), s.selection(), s.geoMatchLevel(), s.geoMatchParams());
        }
        // Only an Open session moves; the move never reopens a Closed one.
        if (event instanceof ProxySessionInProgressEvent e && s.status() == SessionStatus.OPEN) {
            return new ProxySessionView(s.voiceConnectorId(), s.proxySessionId(), s.name(), SessionStatus.IN_PROGRESS,
                    s.expiryMinutes(), s.capabilities(), s.createdAt(), e.at(), s.endedAt(), s.participants(),
                    s.proxyPhoneNumber(), s.selection(), s.geoMatchLevel(), s.geoMatchParams());
        }
        // As in the read model, the closing sets EndedTimestamp and leaves UpdatedTimestamp.
        if (event instanceof ProxySessionClosedEvent e) {
            return new ProxySessionView(s.voiceConnectorId(), s.proxySessionId(), s.name(), SessionStatus.CLOSED,
                    s.expiryMinutes(), s.capabilities(), s.createdAt(), s.updatedAt(), e.endedAt(), s.participants(),
                    s.proxyPhoneNumber(), s.selection(), s.geoMatchLevel(), s.geoMatchParams());
        }
        return s;
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
