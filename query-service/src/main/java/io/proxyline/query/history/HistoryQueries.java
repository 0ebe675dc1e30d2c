package io.proxyline.query.history;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.proxyline.api.wire.ProxyRejected;
import io.proxyline.query.history.HistoryStore.Subject;
import io.proxyline.query.web.PageToken;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.eventhandling.DomainEventMessage;
import org.springframework.stereotype.Component;

/**
 * ListProxySessionHistory and ListVoiceConnectorHistory: a subject's events oldest first, read
 * from the event store at the positions the index names. Readable for as long as the event store
 * keeps the events, so after a session is closed or deleted and after its connector is deleted.
 */
@Component
class HistoryQueries {
    static final String SESSION_TOKEN_KIND = "proxy-session-history";
    static final String CONNECTOR_TOKEN_KIND = "voice-connector-history";

    private final HistoryStore store;
    private final HistoryEvents events;

    HistoryQueries(HistoryStore store, HistoryEvents events) {
        this.store = store;
        this.events = events;
    }

    /** @param nextToken null for the first page */
    ObjectNode sessionHistory(String accountId, String voiceConnectorId, String proxySessionId, int maxResults,
                              String nextToken) {
        Subject session = requireSession(store, accountId, voiceConnectorId, proxySessionId);
        return page(session, SESSION_TOKEN_KIND, voiceConnectorId + "/" + proxySessionId, maxResults, nextToken);
    }

    /** @param nextToken null for the first page */
    ObjectNode connectorHistory(String accountId, String voiceConnectorId, int maxResults, String nextToken) {
        Subject connector = store.find(HistoryStore.connectorKey(voiceConnectorId))
                .filter(s -> s.visibleTo(accountId, voiceConnectorId, null))
                .orElseThrow(() -> ProxyRejected.notFound("Voice connector " + voiceConnectorId + " not found"));
        return page(connector, CONNECTOR_TOKEN_KIND, voiceConnectorId, maxResults, nextToken);
    }

    /** The session's index record, or NotFound when it is not the caller's under that connector. */
    static Subject requireSession(HistoryStore store, String accountId, String voiceConnectorId, String proxySessionId) {
        return store.find(HistoryStore.sessionKey(voiceConnectorId, proxySessionId))
                .filter(s -> s.visibleTo(accountId, voiceConnectorId, proxySessionId))
                .orElseThrow(() -> ProxyRejected.notFound("Proxy session " + proxySessionId + " not found"));
    }

    /**
     * Positions {@code [start, start + maxResults)}. Every position below the count has an entry
     * and every entry is the caller's (the subject was checked), so a page is only short at the
     * end. Events appended while a client pages get higher positions: it sees each one once.
     */
    private ObjectNode page(Subject subject, String kind, String scope, int maxResults, String nextToken) {
        long start = nextToken == null ? 0 : PageToken.decode(nextToken, kind, scope);
        long end = Math.min(subject.count(), start + maxResults);
        List<Long> sequenceNumbers = start < end
                ? new ArrayList<>(store.sequenceNumbers(subject.key(), start, (int) (end - start)))
                : new ArrayList<>();
        sequenceNumbers.sort(null);
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        ArrayNode items = out.putArray("Events");
        for (DomainEventMessage<?> event : events.read(subject.voiceConnectorId(), sequenceNumbers)) {
            items.add(HistoryEntries.toWire(event));
        }
        if (end < subject.count()) {
            out.put("NextToken", PageToken.encode(kind, scope, end));
        }
        return out;
    }
}
