package io.proxyline.command.interaction;

import static io.proxyline.command.web.Json.text;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.proxyline.api.interaction.InteractionRecordedEvent;
import io.proxyline.api.interaction.RecordInteractionCommand;
import io.proxyline.api.session.Capability;
import io.proxyline.api.wire.Caller;
import io.proxyline.command.web.Commands;
import io.proxyline.command.web.Ids;
import io.proxyline.command.web.Json;
import io.proxyline.web.AwsRequests;
import io.proxyline.web.Callers;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The routing hook, CreateProxyInteraction: a SIP server or SMS gateway asks where an inbound call
 * or text goes; the connector decides, records the interaction and answers. See docs/routing-hook.md.
 */
@RestController
class InteractionCommandController {
    private final AwsRequests requests;
    private final Commands commands;

    InteractionCommandController(AwsRequests requests, Commands commands) {
        this.requests = requests;
        this.commands = commands;
    }

    @PostMapping("/voice-connectors/{voiceConnectorId}/proxy-interactions")
    ResponseEntity<ObjectNode> create(HttpServletRequest request, @PathVariable String voiceConnectorId) {
        ObjectNode in = requests.read("CreateProxyInteraction", request, Map.of("voiceConnectorId", voiceConnectorId));
        Caller caller = Callers.of(request);
        InteractionRecordedEvent recorded = commands.sendRoutingDecision(caller, new RecordInteractionCommand(voiceConnectorId,
                caller.accountId(), Ids.newId(), Capability.fromWire(text(in, "Type")), text(in, "FromPhoneNumber"),
                text(in, "ToPhoneNumber")));
        ObjectNode out = Json.object();
        out.set("Interaction", interaction(recorded));
        return ResponseEntity.status(201).body(out);
    }

    static ObjectNode interaction(InteractionRecordedEvent e) {
        ObjectNode o = Json.object();
        o.put("InteractionId", e.interactionId());
        Json.put(o, "ProxySessionId", e.proxySessionId());
        o.put("Type", e.type().wire());
        o.put("FromPhoneNumber", e.fromPhoneNumber());
        o.put("ToPhoneNumber", e.toPhoneNumber());
        o.put("Action", e.action().wire());
        Json.put(o, "ForwardFrom", e.forwardFrom());
        Json.put(o, "ForwardTo", e.forwardTo());
        Json.put(o, "Reason", e.reason() == null ? null : e.reason().wire());
        Json.put(o, "CreatedTimestamp", e.createdAt());
        return o;
    }
}
