package io.proxyline.command.subscription;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.proxyline.api.subscription.CreateEventSubscriptionCommand;
import io.proxyline.api.subscription.DeleteEventSubscriptionCommand;
import io.proxyline.api.subscription.EventSubscriptionCreatedEvent;
import io.proxyline.api.subscription.EventSubscriptions;
import io.proxyline.api.wire.AwsErrorCode;
import io.proxyline.api.wire.Caller;
import io.proxyline.api.wire.ProxyRejected;
import io.proxyline.command.web.Commands;
import io.proxyline.command.web.Ids;
import io.proxyline.command.web.Json;
import io.proxyline.web.AwsRequests;
import io.proxyline.web.Callers;
import io.proxyline.webhook.WebhookProperties;
import io.proxyline.webhook.WebhookSecrets;
import io.proxyline.webhook.WebhookUrls;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * CreateEventSubscription and DeleteEventSubscription (webhooks; docs/webhooks.md). The signing
 * secret is derived here from the deployment's signing key and returned in the create response
 * only; reads never show it.
 */
@RestController
class SubscriptionCommandController {
    private final AwsRequests requests;
    private final Commands commands;
    private final WebhookSecrets secrets;
    private final WebhookProperties webhooks;

    SubscriptionCommandController(AwsRequests requests, Commands commands, WebhookSecrets secrets,
                                  WebhookProperties webhooks) {
        this.requests = requests;
        this.commands = commands;
        this.secrets = secrets;
        this.webhooks = webhooks;
    }

    @PostMapping("/event-subscriptions")
    ResponseEntity<ObjectNode> create(HttpServletRequest request) {
        ObjectNode in = requests.read("CreateEventSubscription", request, Map.of());
        if (!secrets.enabled()) {
            throw new ProxyRejected(AwsErrorCode.SERVICE_UNAVAILABLE, "Webhooks are not configured on this "
                    + "deployment (proxyline.webhooks.signing-key is not set)");
        }
        String url = Json.text(in, "Url");
        WebhookUrls.problem(url, webhooks.allowPrivateAddresses()).ifPresent(problem -> {
            throw ProxyRejected.badRequest(problem);
        });
        Caller caller = Callers.of(request);
        EventSubscriptionCreatedEvent created = commands.send(caller, new CreateEventSubscriptionCommand(
                EventSubscriptions.aggregateId(caller.accountId()), caller.accountId(), Ids.newId(), url,
                Json.texts(in, "EventTypes"), Json.text(in, "VoiceConnectorId")));
        ObjectNode subscription = Json.object();
        subscription.put("EventSubscriptionId", created.eventSubscriptionId());
        subscription.put("Url", created.url());
        subscription.set("EventTypes", Json.strings(created.eventTypes()));
        Json.put(subscription, "VoiceConnectorId", created.voiceConnectorId());
        Json.put(subscription, "CreatedTimestamp", created.createdAt());
        subscription.put("SigningSecret", secrets.secretOf(created.eventSubscriptionId()));
        ObjectNode out = Json.object();
        out.set("EventSubscription", subscription);
        return ResponseEntity.status(201).body(out);
    }

    @DeleteMapping("/event-subscriptions/{eventSubscriptionId}")
    ResponseEntity<Void> delete(HttpServletRequest request, @PathVariable String eventSubscriptionId) {
        requests.read("DeleteEventSubscription", request, Map.of("eventSubscriptionId", eventSubscriptionId));
        Caller caller = Callers.of(request);
        commands.send(caller, new DeleteEventSubscriptionCommand(EventSubscriptions.aggregateId(caller.accountId()),
                caller.accountId(), eventSubscriptionId));
        return ResponseEntity.noContent().build();
    }
}
