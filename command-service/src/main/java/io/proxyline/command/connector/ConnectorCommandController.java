package io.proxyline.command.connector;

import static io.proxyline.command.web.Json.bool;
import static io.proxyline.command.web.Json.integer;
import static io.proxyline.command.web.Json.put;
import static io.proxyline.command.web.Json.text;
import static io.proxyline.command.web.Json.texts;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.proxyline.api.connector.AddNumbersCommand;
import io.proxyline.api.connector.CreateVoiceConnectorCommand;
import io.proxyline.api.connector.DeleteProxyConfigCommand;
import io.proxyline.api.connector.DeleteVoiceConnectorCommand;
import io.proxyline.api.connector.ProxyConfigPutEvent;
import io.proxyline.api.connector.PutProxyConfigCommand;
import io.proxyline.api.connector.RemoveNumbersCommand;
import io.proxyline.api.number.AssociatePhoneNumberCommand;
import io.proxyline.api.number.DisassociatePhoneNumberCommand;
import io.proxyline.api.phone.PhoneNumbers;
import io.proxyline.api.wire.AwsErrorCode;
import io.proxyline.api.wire.Caller;
import io.proxyline.api.wire.ProxyRejected;
import io.proxyline.command.fault.CrashPoints;
import io.proxyline.command.web.Commands;
import io.proxyline.command.web.Ids;
import io.proxyline.command.web.Json;
import io.proxyline.web.AwsRequests;
import io.proxyline.web.Callers;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RestController;

/** Write operations on voice connectors, their numbers and their proxy configuration. */
@RestController
class ConnectorCommandController {
    private final AwsRequests requests;
    private final Commands commands;
    private final Clock clock;
    private final CrashPoints crashPoints;

    ConnectorCommandController(AwsRequests requests, Commands commands, Clock clock, CrashPoints crashPoints) {
        this.requests = requests;
        this.commands = commands;
        this.clock = clock;
        this.crashPoints = crashPoints;
    }

    @PostMapping("/voice-connectors")
    ResponseEntity<ObjectNode> create(HttpServletRequest request) {
        ObjectNode in = requests.read("CreateVoiceConnector", request, Map.of());
        Caller caller = Callers.of(request);
        String id = Ids.newId();
        String region = text(in, "AwsRegion") == null ? "us-east-1" : text(in, "AwsRegion");
        commands.send(caller, new CreateVoiceConnectorCommand(id, caller.accountId(), text(in, "Name"), region,
                bool(in, "RequireEncryption"), text(in, "NetworkType"), text(in, "IntegrationType")));
        ObjectNode vc = Json.object();
        vc.put("VoiceConnectorId", id);
        vc.put("AwsRegion", region);
        vc.put("Name", text(in, "Name"));
        vc.put("OutboundHostName", id + ".voiceconnector.chime.aws");
        vc.put("RequireEncryption", bool(in, "RequireEncryption"));
        String now = io.proxyline.api.wire.WireTime.format(clock.instant());
        vc.put("CreatedTimestamp", now);
        vc.put("UpdatedTimestamp", now);
        vc.put("VoiceConnectorArn", "arn:aws:chime:" + region + ":" + caller.accountId() + ":vc/" + id);
        put(vc, "NetworkType", text(in, "NetworkType"));
        put(vc, "IntegrationType", text(in, "IntegrationType"));
        ObjectNode out = Json.object();
        out.set("VoiceConnector", vc);
        return ResponseEntity.status(201).body(out);
    }

    @DeleteMapping("/voice-connectors/{voiceConnectorId}")
    ResponseEntity<Void> delete(HttpServletRequest request, @PathVariable String voiceConnectorId) {
        requests.read("DeleteVoiceConnector", request, Map.of("voiceConnectorId", voiceConnectorId));
        Caller caller = Callers.of(request);
        commands.send(caller, new DeleteVoiceConnectorCommand(voiceConnectorId, caller.accountId()));
        return ResponseEntity.noContent().build();
    }

    /**
     * Claims each number on the number side (one connector per number, the caller's inventory
     * only), then adds the claimed ones to the connector. Per-number failures are reported as
     * PhoneNumberErrors, as AWS does; an unknown connector fails the whole request and undoes
     * the claims.
     */
    @PostMapping(path = "/voice-connectors/{voiceConnectorId}", params = "operation=associate-phone-numbers")
    ResponseEntity<ObjectNode> associate(HttpServletRequest request, @PathVariable String voiceConnectorId) {
        ObjectNode in = requests.read("AssociatePhoneNumbersWithVoiceConnector", request,
                Map.of("voiceConnectorId", voiceConnectorId));
        Caller caller = Callers.of(request);
        ArrayNode errors = Json.object().arrayNode();
        List<String> claimed = new ArrayList<>();
        commands.send(caller, new AddNumbersCommand(voiceConnectorId, caller.accountId(), List.of()));
        for (String number : new LinkedHashSet<>(texts(in, "E164PhoneNumbers"))) {
            if (!PhoneNumbers.isE164(number)) {
                error(errors, number, AwsErrorCode.BAD_REQUEST, "Not a valid E.164 phone number");
                continue;
            }
            try {
                commands.send(caller, new AssociatePhoneNumberCommand(number, caller.accountId(), voiceConnectorId,
                        Boolean.TRUE.equals(bool(in, "ForceAssociate"))));
                claimed.add(number);
            } catch (ProxyRejected e) {
                error(errors, number, e.code(), e.getMessage());
            } catch (org.axonframework.modelling.command.AggregateNotFoundException e) {
                error(errors, number, AwsErrorCode.NOT_FOUND, "Phone number " + number + " not found");
            }
        }
        crashPoints.reached(CrashPoints.ASSOCIATION_CLAIMED);
        if (!claimed.isEmpty()) {
            try {
                commands.send(caller, new AddNumbersCommand(voiceConnectorId, caller.accountId(), claimed));
            } catch (RuntimeException e) {
                claimed.forEach(n -> commands.send(caller,
                        new DisassociatePhoneNumberCommand(n, caller.accountId(), voiceConnectorId)));
                throw e;
            }
        }
        crashPoints.reached(CrashPoints.ASSOCIATION_ADDED);
        ObjectNode out = Json.object();
        out.set("PhoneNumberErrors", errors);
        return ResponseEntity.ok(out);
    }

    /**
     * Takes the numbers out of the connector first (closing the active sessions that hold them:
     * a number that can no longer route cannot carry a session), then releases the claims.
     */
    @PostMapping(path = "/voice-connectors/{voiceConnectorId}", params = "operation=disassociate-phone-numbers")
    ResponseEntity<ObjectNode> disassociate(HttpServletRequest request, @PathVariable String voiceConnectorId) {
        ObjectNode in = requests.read("DisassociatePhoneNumbersFromVoiceConnector", request,
                Map.of("voiceConnectorId", voiceConnectorId));
        Caller caller = Callers.of(request);
        List<String> numbers = new ArrayList<>(new LinkedHashSet<>(texts(in, "E164PhoneNumbers")));
        ArrayNode errors = Json.object().arrayNode();
        List<String> valid = numbers.stream().filter(PhoneNumbers::isE164).toList();
        commands.send(caller, new RemoveNumbersCommand(voiceConnectorId, caller.accountId(), valid));
        crashPoints.reached(CrashPoints.DISASSOCIATION_REMOVED);
        for (String number : numbers) {
            if (!PhoneNumbers.isE164(number)) {
                error(errors, number, AwsErrorCode.BAD_REQUEST, "Not a valid E.164 phone number");
                continue;
            }
            try {
                commands.send(caller, new DisassociatePhoneNumberCommand(number, caller.accountId(), voiceConnectorId));
            } catch (ProxyRejected e) {
                error(errors, number, e.code(), e.getMessage());
            } catch (org.axonframework.modelling.command.AggregateNotFoundException e) {
                error(errors, number, AwsErrorCode.NOT_FOUND, "Phone number " + number + " not found");
            }
        }
        crashPoints.reached(CrashPoints.DISASSOCIATION_RELEASED);
        ObjectNode out = Json.object();
        out.set("PhoneNumberErrors", errors);
        return ResponseEntity.ok(out);
    }

    @PutMapping("/voice-connectors/{voiceConnectorId}/programmable-numbers/proxy")
    ResponseEntity<ObjectNode> putProxy(HttpServletRequest request, @PathVariable String voiceConnectorId) {
        ObjectNode in = requests.read("PutVoiceConnectorProxy", request, Map.of("voiceConnectorId", voiceConnectorId));
        Caller caller = Callers.of(request);
        ProxyConfigPutEvent put = commands.send(caller, new PutProxyConfigCommand(voiceConnectorId, caller.accountId(),
                integer(in, "DefaultSessionExpiryMinutes"), texts(in, "PhoneNumberPoolCountries"),
                text(in, "FallBackPhoneNumber"), Boolean.TRUE.equals(bool(in, "Disabled"))));
        ObjectNode proxy = Json.object();
        proxy.put("DefaultSessionExpiryMinutes", put.defaultSessionExpiryMinutes());
        proxy.put("Disabled", put.disabled());
        put(proxy, "FallBackPhoneNumber", put.fallBackPhoneNumber());
        proxy.set("PhoneNumberCountries", Json.strings(put.phoneNumberPoolCountries()));
        ObjectNode out = Json.object();
        out.set("Proxy", proxy);
        return ResponseEntity.ok(out);
    }

    @DeleteMapping("/voice-connectors/{voiceConnectorId}/programmable-numbers/proxy")
    ResponseEntity<Void> deleteProxy(HttpServletRequest request, @PathVariable String voiceConnectorId) {
        requests.read("DeleteVoiceConnectorProxy", request, Map.of("voiceConnectorId", voiceConnectorId));
        Caller caller = Callers.of(request);
        commands.send(caller, new DeleteProxyConfigCommand(voiceConnectorId, caller.accountId()));
        return ResponseEntity.noContent().build();
    }

    private static void error(ArrayNode errors, String number, AwsErrorCode code, String message) {
        errors.addObject().put("PhoneNumberId", number).put("ErrorCode", code.code()).put("ErrorMessage", message);
    }
}
