package io.proxyline.command.session;

import static io.proxyline.command.web.Json.integer;
import static io.proxyline.command.web.Json.text;
import static io.proxyline.command.web.Json.texts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.proxyline.api.session.Capability;
import io.proxyline.api.session.CreateProxySessionCommand;
import io.proxyline.api.session.DeleteProxySessionCommand;
import io.proxyline.api.session.GeoMatchLevel;
import io.proxyline.api.session.GeoMatchParams;
import io.proxyline.api.session.NumberSelectionBehavior;
import io.proxyline.api.session.ProxySessionView;
import io.proxyline.api.session.ProxySessionWire;
import io.proxyline.api.session.UpdateCapabilitiesCommand;
import io.proxyline.api.wire.Caller;
import io.proxyline.command.web.Commands;
import io.proxyline.command.web.Ids;
import io.proxyline.command.web.Json;
import io.proxyline.web.AwsRequests;
import io.proxyline.web.Callers;
import jakarta.servlet.http.HttpServletRequest;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** CreateProxySession, UpdateProxySession and DeleteProxySession. */
@RestController
class SessionCommandController {
    private final AwsRequests requests;
    private final Commands commands;

    SessionCommandController(AwsRequests requests, Commands commands) {
        this.requests = requests;
        this.commands = commands;
    }

    @PostMapping("/voice-connectors/{voiceConnectorId}/proxy-sessions")
    ResponseEntity<ObjectNode> create(HttpServletRequest request, @PathVariable String voiceConnectorId) {
        ObjectNode in = requests.read("CreateProxySession", request, Map.of("voiceConnectorId", voiceConnectorId));
        Caller caller = Callers.of(request);
        JsonNode geo = in.get("GeoMatchParams");
        String selection = text(in, "NumberSelectionBehavior");
        String level = text(in, "GeoMatchLevel");
        ProxySessionView created = commands.send(caller, new CreateProxySessionCommand(
                voiceConnectorId, caller.accountId(), Ids.newId(), texts(in, "ParticipantPhoneNumbers"),
                capabilities(in), integer(in, "ExpiryMinutes"), text(in, "Name"),
                selection == null ? null : NumberSelectionBehavior.fromWire(selection),
                level == null ? null : GeoMatchLevel.fromWire(level),
                geo == null ? null : new GeoMatchParams(text(geo, "Country"), text(geo, "AreaCode"))));
        return ResponseEntity.status(201).body(wrap(created));
    }

    @PostMapping("/voice-connectors/{voiceConnectorId}/proxy-sessions/{proxySessionId}")
    ResponseEntity<ObjectNode> update(HttpServletRequest request, @PathVariable String voiceConnectorId,
                                      @PathVariable String proxySessionId) {
        ObjectNode in = requests.read("UpdateProxySession", request,
                Map.of("voiceConnectorId", voiceConnectorId, "proxySessionId", proxySessionId));
        Caller caller = Callers.of(request);
        ProxySessionView updated = commands.send(caller, new UpdateCapabilitiesCommand(voiceConnectorId,
                caller.accountId(), proxySessionId, capabilities(in), integer(in, "ExpiryMinutes")));
        return ResponseEntity.status(201).body(wrap(updated));
    }

    @DeleteMapping("/voice-connectors/{voiceConnectorId}/proxy-sessions/{proxySessionId}")
    ResponseEntity<Void> delete(HttpServletRequest request, @PathVariable String voiceConnectorId,
                                @PathVariable String proxySessionId) {
        requests.read("DeleteProxySession", request,
                Map.of("voiceConnectorId", voiceConnectorId, "proxySessionId", proxySessionId));
        Caller caller = Callers.of(request);
        commands.send(caller, new DeleteProxySessionCommand(voiceConnectorId, caller.accountId(), proxySessionId));
        return ResponseEntity.noContent().build();
    }

    private static Set<Capability> capabilities(JsonNode in) {
        Set<Capability> out = EnumSet.noneOf(Capability.class);
        texts(in, "Capabilities").forEach(c -> out.add(Capability.fromWire(c)));
        return out;
    }

    private static ObjectNode wrap(ProxySessionView session) {
        ObjectNode out = Json.object();
        out.set("ProxySession", ProxySessionWire.render(session));
        return out;
    }
}
