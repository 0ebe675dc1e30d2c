package io.proxyline.command.connector;

import static io.proxyline.command.web.Json.bool;
import static io.proxyline.command.web.Json.integer;
import static io.proxyline.command.web.Json.put;
import static io.proxyline.command.web.Json.text;
import static io.proxyline.command.web.Json.texts;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.proxyline.api.assignment.AssignmentKind;
import io.proxyline.api.assignment.NumberAssignmentCompletedEvent;
import io.proxyline.api.assignment.NumberAssignmentError;
import io.proxyline.api.connector.AddNumbersCommand;
import io.proxyline.api.connector.CreateVoiceConnectorCommand;
import io.proxyline.api.connector.DeleteProxyConfigCommand;
import io.proxyline.api.connector.DeleteVoiceConnectorCommand;
import io.proxyline.api.connector.ProxyConfigPutEvent;
import io.proxyline.api.connector.PutProxyConfigCommand;
import io.proxyline.api.connector.RemoveNumbersCommand;
import io.proxyline.api.phone.PhoneNumbers;
import io.proxyline.api.wire.AwsErrorCode;
import io.proxyline.api.wire.Caller;
import io.proxyline.api.wire.ProxyRejected;
import io.proxyline.command.assignment.NumberAssignments;
import io.proxyline.command.web.Commands;
import io.proxyline.command.web.Ids;
import io.proxyline.command.web.Json;
import io.proxyline.web.AwsRequests;
import io.proxyline.web.Callers;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
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
    /** The most phone numbers one association or disassociation takes (the AWS model sets no maximum). */
    static final int MAX_NUMBERS_PER_REQUEST = 500;
    private final AwsRequests requests;
    private final Commands commands;
    private final Clock clock;
    private final NumberAssignments assignments;

    ConnectorCommandController(AwsRequests requests, Commands commands, Clock clock, NumberAssignments assignments) {
        this.requests = requests;
        this.commands = commands;
        this.clock = clock;
        this.assignments = assignments;
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
     * Associates the numbers through a durable process (see {@link NumberAssignments}): each number
     * is claimed on the number side (one connector per number, the caller's inventory only), then
     * the claimed ones are added to the connector. Per-number failures are reported as
     * PhoneNumberErrors, as AWS does; an unknown connector fails the whole request before any claim,
     * and a connector deleted meanwhile fails it with the claims undone.
     */
    @PostMapping(path = "/voice-connectors/{voiceConnectorId}", params = "operation=associate-phone-numbers")
    ResponseEntity<ObjectNode> associate(HttpServletRequest request, @PathVariable String voiceConnectorId) {
        ObjectNode in = requests.read("AssociatePhoneNumbersWithVoiceConnector", request,
                Map.of("voiceConnectorId", voiceConnectorId));
        List<String> numbers = numbersOf(in);
        Caller caller = Callers.of(request);
        commands.send(caller, new AddNumbersCommand(voiceConnectorId, caller.accountId(), List.of()));
        return assign(caller, AssignmentKind.ASSOCIATE, voiceConnectorId, numbers,
                Boolean.TRUE.equals(bool(in, "ForceAssociate")));
    }

    /**
     * Disassociates the numbers through the same durable process: they leave the connector first
     * (closing the active sessions that hold them: a number that can no longer route cannot carry a
     * session), then their claims are released.
     */
    @PostMapping(path = "/voice-connectors/{voiceConnectorId}", params = "operation=disassociate-phone-numbers")
    ResponseEntity<ObjectNode> disassociate(HttpServletRequest request, @PathVariable String voiceConnectorId) {
        ObjectNode in = requests.read("DisassociatePhoneNumbersFromVoiceConnector", request,
                Map.of("voiceConnectorId", voiceConnectorId));
        List<String> numbers = numbersOf(in);
        Caller caller = Callers.of(request);
        commands.send(caller, new RemoveNumbersCommand(voiceConnectorId, caller.accountId(), List.of()));
        return assign(caller, AssignmentKind.DISASSOCIATE, voiceConnectorId, numbers, false);
    }

    /**
     * The request's numbers, at most {@value #MAX_NUMBERS_PER_REQUEST} (the AWS model sets no
     * maximum; see docs/design.md), checked before any work.
     */
    private static List<String> numbersOf(ObjectNode in) {
        List<String> numbers = texts(in, "E164PhoneNumbers");
        if (numbers.size() > MAX_NUMBERS_PER_REQUEST) {
            throw ProxyRejected.badRequest("E164PhoneNumbers holds " + numbers.size() + " phone numbers; at most "
                    + MAX_NUMBERS_PER_REQUEST + " are accepted in one request");
        }
        return new ArrayList<>(new LinkedHashSet<>(numbers));
    }

    /** Runs the assignment for the valid numbers; the invalid ones are errors at once. */
    private ResponseEntity<ObjectNode> assign(Caller caller, AssignmentKind kind, String voiceConnectorId,
                                              List<String> numbers, boolean force) {
        List<String> valid = numbers.stream().filter(PhoneNumbers::isE164).toList();
        Map<String, NumberAssignmentError> failed = new HashMap<>();
        if (!valid.isEmpty()) {
            NumberAssignmentCompletedEvent outcome = assignments.run(caller, kind, voiceConnectorId, valid, force);
            if (outcome.failureCode() != null) {
                throw new ProxyRejected(AwsErrorCode.ofCode(outcome.failureCode()), outcome.failureMessage());
            }
            outcome.errors().forEach(e -> failed.put(e.e164PhoneNumber(), e));
        }
        ArrayNode errors = Json.object().arrayNode();
        for (String number : numbers) {
            NumberAssignmentError e = failed.get(number);
            if (!PhoneNumbers.isE164(number)) {
                error(errors, number, AwsErrorCode.BAD_REQUEST.code(), "Not a valid E.164 phone number");
            } else if (e != null) {
                error(errors, number, e.errorCode(), e.errorMessage());
            }
        }
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

    private static void error(ArrayNode errors, String number, String code, String message) {
        errors.addObject().put("PhoneNumberId", number).put("ErrorCode", code).put("ErrorMessage", message);
    }
}
