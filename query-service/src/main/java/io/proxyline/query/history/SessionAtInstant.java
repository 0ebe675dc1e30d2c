package io.proxyline.query.history;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.proxyline.api.session.ProxySessionView;
import io.proxyline.api.session.ProxySessionWire;
import io.proxyline.api.wire.ProxyRejected;
import io.proxyline.query.history.HistoryStore.Subject;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.eventhandling.DomainEventMessage;
import org.springframework.stereotype.Component;

/**
 * GetProxySession at a past instant ({@code ?at=}): the session folded from its own events in
 * the event store, found through the history index, never from the read model. Same answer shape
 * as GetProxySession. The work is one pass over the session's own events.
 */
@Component
public class SessionAtInstant {
    private static final int CHUNK = 100;

    private final HistoryStore store;
    private final HistoryEvents events;

    SessionAtInstant(HistoryStore store, HistoryEvents events) {
        this.store = store;
        this.events = events;
    }

    /**
     * {@code {"ProxySession": {…}}} as it was at {@code at}; NotFound when the session is not the
     * caller's under that connector, or did not exist at that instant (not yet created, or
     * already deleted).
     *
     * @param at ISO-8601, as the model's {@code Iso8601Timestamp} accepts it (with {@code Z} or an offset)
     */
    public ObjectNode get(String accountId, String voiceConnectorId, String proxySessionId, String at) {
        return get(accountId, voiceConnectorId, proxySessionId, endOfMillisecond(parse(at)));
    }

    /**
     * Timestamps on the wire have millisecond precision, events nanosecond ones: {@code at} means
     * its whole millisecond, so {@code ?at=<CreatedTimestamp>} shows the session as created.
     */
    static Instant endOfMillisecond(Instant at) {
        return at.truncatedTo(java.time.temporal.ChronoUnit.MILLIS).plusNanos(999_999);
    }

    public ObjectNode get(String accountId, String voiceConnectorId, String proxySessionId, Instant at) {
        Subject session = HistoryQueries.requireSession(store, accountId, voiceConnectorId, proxySessionId);
        List<Object> payloads = new ArrayList<>();
        for (long from = 0; from < session.count(); from += CHUNK) {
            int count = (int) Math.min(CHUNK, session.count() - from);
            List<Long> sequenceNumbers = new ArrayList<>(store.sequenceNumbers(session.key(), from, count));
            sequenceNumbers.sort(null);
            for (DomainEventMessage<?> event : events.read(voiceConnectorId, sequenceNumbers)) {
                payloads.add(event.getPayload());
            }
        }
        ProxySessionView recorded = SessionFold.at(proxySessionId, payloads, at)
                .orElseThrow(() -> ProxyRejected.notFound(
                        "Proxy session " + proxySessionId + " not found at " + at));
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.set("ProxySession", ProxySessionWire.render(recorded.at(at)));
        return out;
    }

    /** ISO-8601 with {@code Z} or an offset; anything else is a BadRequest. */
    static Instant parse(String at) {
        if (at == null) {
            throw ProxyRejected.badRequest("at is required");
        }
        try {
            return Instant.parse(at);
        } catch (DateTimeParseException e) {
            try {
                return OffsetDateTime.parse(at).toInstant();
            } catch (DateTimeParseException again) {
                throw ProxyRejected.badRequest("Invalid at: " + at + " is not an ISO-8601 timestamp");
            }
        }
    }
}
