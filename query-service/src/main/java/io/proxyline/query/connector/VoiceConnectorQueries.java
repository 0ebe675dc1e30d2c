package io.proxyline.query.connector;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.proxyline.api.wire.ProxyRejected;
import io.proxyline.query.web.PageToken;
import io.proxyline.query.web.Pages;
import io.proxyline.query.web.Pages.Page;
import io.proxyline.query.web.Pages.Positioned;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/** GetVoiceConnector, ListVoiceConnectors and GetVoiceConnectorProxy, answered from the read model. */
@Component
class VoiceConnectorQueries {
    private static final String TOKEN_KIND = "voice-connectors";

    private final VoiceConnectorStore store;

    VoiceConnectorQueries(VoiceConnectorStore store) {
        this.store = store;
    }

    ObjectNode get(String accountId, String voiceConnectorId) {
        VoiceConnectorRow connector = visible(accountId, voiceConnectorId);
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.set("VoiceConnector", connector.toWire());
        return out;
    }

    ObjectNode getProxy(String accountId, String voiceConnectorId) {
        VoiceConnectorRow connector = visible(accountId, voiceConnectorId);
        if (connector.proxy() == null) {
            throw ProxyRejected.notFound("Voice connector " + voiceConnectorId + " has no proxy configuration");
        }
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.set("Proxy", connector.proxyToWire());
        return out;
    }

    /** @param nextToken null for the first page */
    ObjectNode list(String accountId, int maxResults, String nextToken) {
        long start = nextToken == null ? 0 : PageToken.decode(nextToken, TOKEN_KIND, accountId);
        long end = store.accountConnectorCount(accountId);
        Page<VoiceConnectorRow> page = Pages.collect(start, end, maxResults, (from, count) -> {
            List<String> ids = store.accountConnectorIds(accountId, from, count);
            Map<String, VoiceConnectorRow> rows = new HashMap<>();
            store.findAll(ids).forEach(row -> rows.put(row.voiceConnectorId(), row));
            List<Positioned<VoiceConnectorRow>> visible = new ArrayList<>();
            for (int i = 0; i < ids.size(); i++) {
                VoiceConnectorRow row = rows.get(ids.get(i));
                if (row != null && row.visibleTo(accountId)) {
                    visible.add(new Positioned<>(from + i, row));
                }
            }
            return visible;
        });
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        ArrayNode items = out.putArray("VoiceConnectors");
        page.items().forEach(row -> items.add(row.toWire()));
        page.next().ifPresent(next -> out.put("NextToken", PageToken.encode(TOKEN_KIND, accountId, next)));
        return out;
    }

    private VoiceConnectorRow visible(String accountId, String voiceConnectorId) {
        return store.find(voiceConnectorId)
                .filter(c -> c.visibleTo(accountId))
                .orElseThrow(() -> VoiceConnectorAccess.notFound(voiceConnectorId));
    }
}
