package io.proxyline.query.number;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.proxyline.api.wire.ProxyRejected;
import io.proxyline.query.connector.VoiceConnectorAccess;
import io.proxyline.query.readmodel.AppendOnlyList;
import io.proxyline.query.web.PageToken;
import io.proxyline.query.web.Pages;
import io.proxyline.query.web.Pages.Page;
import io.proxyline.query.web.Pages.Positioned;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/** GetPhoneNumber, ListPhoneNumbers and GetPhoneNumberOrder, answered from the read model. */
@Component
class PhoneNumberQueries {
    private static final String TOKEN_KIND = "phone-numbers";
    private static final String VOICE_CONNECTOR_FILTER = "VoiceConnectorId";

    private final PhoneNumberStore store;
    private final VoiceConnectorAccess connectors;

    PhoneNumberQueries(PhoneNumberStore store, VoiceConnectorAccess connectors) {
        this.store = store;
        this.connectors = connectors;
    }

    /** ListPhoneNumbers' filters; each null when not given. */
    record ListFilter(String status, String productType, String filterName, String filterValue) {}

    ObjectNode get(String accountId, String phoneNumberId) {
        PhoneNumberRow number = store.find(phoneNumberId)
                .filter(n -> n.visibleTo(accountId))
                .orElseThrow(() -> ProxyRejected.notFound("Phone number " + phoneNumberId + " not found"));
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.set("PhoneNumber", number.toWire());
        return out;
    }

    ObjectNode getOrder(String accountId, String orderId) {
        PhoneNumberOrderRow order = store.findOrder(orderId)
                .filter(o -> o.accountId().equals(accountId))
                .orElseThrow(() -> ProxyRejected.notFound("Phone number order " + orderId + " not found"));
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.set("PhoneNumberOrder", order.toWire());
        return out;
    }

    /** @param nextToken null for the first page */
    ObjectNode list(String accountId, ListFilter filter, int maxResults, String nextToken) {
        if ((filter.filterName() == null) != (filter.filterValue() == null)) {
            throw ProxyRejected.badRequest("FilterName and FilterValue must be given together");
        }
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        ArrayNode items = out.putArray("PhoneNumbers");
        AppendOnlyList list;
        String owner;
        String scope;
        if (filter.filterName() == null) {
            list = store.accountNumbers();
            owner = accountId;
            scope = "account:" + accountId;
        } else if (VOICE_CONNECTOR_FILTER.equals(filter.filterName())) {
            if (!connectors.isVisible(accountId, filter.filterValue())) {
                // Not even a NextToken: it would tell that another account's connector has numbers.
                return out;
            }
            list = store.connectorNumbers();
            owner = filter.filterValue();
            scope = "connector:" + owner;
        } else {
            // Proxyline has no voice connector groups or SIP rules, so nothing is associated with one.
            return out;
        }
        long start = nextToken == null ? 0 : PageToken.decode(nextToken, TOKEN_KIND, scope);
        Page<PhoneNumberRow> page = Pages.collect(start, list.size(owner), maxResults, (from, count) -> {
            List<String> e164s = list.slice(owner, from, count);
            Map<String, PhoneNumberRow> rows = store.findAll(e164s);
            List<Positioned<PhoneNumberRow>> matching = new ArrayList<>();
            for (int i = 0; i < e164s.size(); i++) {
                PhoneNumberRow row = rows.get(e164s.get(i));
                if (row != null && matches(row, accountId, filter)) {
                    matching.add(new Positioned<>(from + i, row));
                }
            }
            return matching;
        });
        page.items().forEach(row -> items.add(row.toWire()));
        page.next().ifPresent(next -> out.put("NextToken", PageToken.encode(TOKEN_KIND, scope, next)));
        return out;
    }

    private static boolean matches(PhoneNumberRow row, String accountId, ListFilter filter) {
        return row.visibleTo(accountId)
                && (filter.filterName() == null || filter.filterValue().equals(row.voiceConnectorId()))
                && (filter.status() == null || filter.status().equals(row.status()))
                && (filter.productType() == null || filter.productType().equals(row.productType()));
    }
}
