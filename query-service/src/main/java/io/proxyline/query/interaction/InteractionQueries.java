package io.proxyline.query.interaction;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.proxyline.query.session.ProxySessionAccess;
import io.proxyline.query.web.PageToken;
import io.proxyline.query.web.Pages;
import io.proxyline.query.web.Pages.Page;
import org.springframework.stereotype.Component;

/** ListProxySessionInteractions, answered from the read model. */
@Component
class InteractionQueries {
    private static final String TOKEN_KIND = "interactions";

    private final InteractionStore store;
    private final ProxySessionAccess sessions;

    InteractionQueries(InteractionStore store, ProxySessionAccess sessions) {
        this.store = store;
        this.sessions = sessions;
    }

    /**
     * A session's interactions, oldest first; a Closed session's too, a deleted one's not.
     *
     * @param nextToken null for the first page
     */
    ObjectNode list(String accountId, String voiceConnectorId, String proxySessionId, int maxResults, String nextToken) {
        sessions.requireVisible(accountId, voiceConnectorId, proxySessionId);
        long start = nextToken == null ? 0 : PageToken.decode(nextToken, TOKEN_KIND, proxySessionId);
        Page<InteractionRow> page = Pages.collect(start, store.count(proxySessionId), maxResults, (from, count) ->
                store.range(proxySessionId, from, count).stream()
                        .filter(i -> i.value().visibleTo(accountId, voiceConnectorId))
                        .toList());
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        ArrayNode items = out.putArray("Interactions");
        page.items().forEach(i -> items.add(i.toWire()));
        page.next().ifPresent(next -> out.put("NextToken", PageToken.encode(TOKEN_KIND, proxySessionId, next)));
        return out;
    }
}
