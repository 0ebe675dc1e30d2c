package io.proxyline.query.session;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.proxyline.api.session.ProxySessionWire;
import io.proxyline.api.session.SessionStatus;
import io.proxyline.api.wire.ProxyRejected;
import io.proxyline.query.connector.VoiceConnectorAccess;
import io.proxyline.query.web.PageToken;
import io.proxyline.query.web.Pages.Page;
import io.proxyline.query.web.Pages;
import java.time.Clock;
import java.time.Instant;
import org.springframework.stereotype.Component;

/** GetProxySession and ListProxySessions, answered from the read model as of the clock's now. */
@Component
class ProxySessionQueries {
    private static final String TOKEN_KIND = "proxy-sessions";

    private final ProxySessionStore store;
    private final VoiceConnectorAccess connectors;
    private final Clock clock;

    ProxySessionQueries(ProxySessionStore store, VoiceConnectorAccess connectors, Clock clock) {
        this.store = store;
        this.connectors = connectors;
        this.clock = clock;
    }

    ObjectNode get(String accountId, String voiceConnectorId, String proxySessionId) {
        connectors.requireVisible(accountId, voiceConnectorId);
        ProxySessionRow session = store.find(proxySessionId)
                .filter(s -> s.visibleTo(accountId, voiceConnectorId))
                .orElseThrow(() -> ProxySessionAccess.notFound(proxySessionId));
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.set("ProxySession", ProxySessionWire.render(session.view(clock.instant())));
        return out;
    }

    /**
     * @param status the wire status to keep, or null for all
     * @param nextToken null for the first page
     */
    ObjectNode list(String accountId, String voiceConnectorId, String status, int maxResults, String nextToken) {
        connectors.requireVisible(accountId, voiceConnectorId);
        SessionStatus wanted = status == null ? null : parse(status);
        long start = nextToken == null ? 0 : PageToken.decode(nextToken, TOKEN_KIND, voiceConnectorId);
        // One instant for the whole page, so its items agree with each other.
        Instant now = clock.instant();
        Page<ProxySessionRow> page = Pages.collect(start, store.count(voiceConnectorId), maxResults, (from, count) ->
                store.range(voiceConnectorId, from, count).stream()
                        .filter(s -> s.value().visibleTo(accountId, voiceConnectorId))
                        .filter(s -> wanted == null || s.value().view(now).status() == wanted)
                        .toList());
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        ArrayNode items = out.putArray("ProxySessions");
        page.items().forEach(s -> items.add(ProxySessionWire.render(s.view(now))));
        page.next().ifPresent(next -> out.put("NextToken", PageToken.encode(TOKEN_KIND, voiceConnectorId, next)));
        return out;
    }

    private static SessionStatus parse(String status) {
        try {
            return SessionStatus.fromWire(status);
        } catch (IllegalArgumentException e) {
            throw ProxyRejected.badRequest("Invalid Status " + status);
        }
    }
}
