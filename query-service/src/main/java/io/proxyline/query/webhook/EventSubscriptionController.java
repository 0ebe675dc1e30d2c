package io.proxyline.query.webhook;

import static io.proxyline.query.web.QueryInputs.optionalText;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.proxyline.api.wire.ProxyRejected;
import io.proxyline.api.wire.WireTime;
import io.proxyline.query.consistency.ReadConsistency;
import io.proxyline.query.web.PageToken;
import io.proxyline.query.web.QueryInputs;
import io.proxyline.query.webhook.EventSubscriptionStore.Delivery;
import io.proxyline.query.webhook.EventSubscriptionStore.Subscription;
import io.proxyline.web.AwsRequests;
import io.proxyline.web.Callers;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * GetEventSubscription and ListEventSubscriptions: the account's webhook subscriptions with their
 * delivery status. The signing secret is never shown here (only CreateEventSubscription returns it).
 */
@RestController
class EventSubscriptionController {
    private static final String PAGE_KIND = "event-subscriptions";

    private final AwsRequests awsRequests;
    private final ReadConsistency consistency;
    private final EventSubscriptionStore store;

    EventSubscriptionController(AwsRequests awsRequests, ReadConsistency consistency, EventSubscriptionStore store) {
        this.awsRequests = awsRequests;
        this.consistency = consistency;
        this.store = store;
    }

    @GetMapping("/event-subscriptions/{eventSubscriptionId}")
    ObjectNode get(@PathVariable("eventSubscriptionId") String eventSubscriptionId, HttpServletRequest request) {
        ObjectNode in = awsRequests.read("GetEventSubscription", request,
                Map.of("eventSubscriptionId", eventSubscriptionId));
        String accountId = Callers.of(request).accountId();
        consistency.awaitCaughtUp();
        String id = in.get("EventSubscriptionId").asText();
        Subscription subscription = store.find(id)
                .filter(s -> s.accountId().equals(accountId))
                .orElseThrow(() -> ProxyRejected.notFound("Event subscription " + id + " not found"));
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.set("EventSubscription", wire(subscription, store.delivery(id)));
        return out;
    }

    @GetMapping("/event-subscriptions")
    ObjectNode list(HttpServletRequest request) {
        ObjectNode in = awsRequests.read("ListEventSubscriptions", request, Map.of());
        String accountId = Callers.of(request).accountId();
        int maxResults = QueryInputs.maxResults(in);
        String nextToken = optionalText(in, "NextToken");
        long from = nextToken == null ? 0 : PageToken.decode(nextToken, PAGE_KIND, accountId);
        consistency.awaitCaughtUp();
        List<Subscription> all = store.ofAccount(accountId);
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        ArrayNode items = out.putArray("EventSubscriptions");
        int end = (int) Math.min(all.size(), from + maxResults);
        for (int i = (int) Math.min(from, all.size()); i < end; i++) {
            Subscription s = all.get(i);
            items.add(wire(s, store.delivery(s.id())));
        }
        if (end < all.size()) {
            out.put("NextToken", PageToken.encode(PAGE_KIND, accountId, end));
        }
        return out;
    }

    static ObjectNode wire(Subscription s, Optional<Delivery> delivery) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("EventSubscriptionId", s.id());
        o.put("Url", s.url());
        ArrayNode types = o.putArray("EventTypes");
        s.eventTypes().forEach(types::add);
        if (s.voiceConnectorId() != null) {
            o.put("VoiceConnectorId", s.voiceConnectorId());
        }
        o.put("CreatedTimestamp", WireTime.format(s.createdAt()));
        delivery.ifPresent(d -> o.set("DeliveryStatus", status(d)));
        return o;
    }

    private static ObjectNode status(Delivery d) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("State", d.consecutiveFailures() > 0 ? "Retrying" : "Delivering");
        if (d.positionText() != null) {
            o.put("Position", d.positionText());
        }
        o.put("DeliveredEvents", d.delivered());
        if (d.lastEventId() != null) {
            o.put("LastEventId", d.lastEventId());
        }
        put(o, "LastSuccessTimestamp", d.lastSuccessAt());
        put(o, "LastAttemptTimestamp", d.lastAttemptAt());
        put(o, "LastFailureTimestamp", d.lastFailureAt());
        o.put("ConsecutiveFailures", d.consecutiveFailures());
        o.put("TotalFailures", d.totalFailures());
        if (d.lastError() != null) {
            o.put("LastError", d.lastError());
        }
        put(o, "NextAttemptTimestamp", d.nextAttemptAt());
        return o;
    }

    private static void put(ObjectNode o, String member, Instant value) {
        if (value != null) {
            o.put(member, WireTime.format(value));
        }
    }
}
