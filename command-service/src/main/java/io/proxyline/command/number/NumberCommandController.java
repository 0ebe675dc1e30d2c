package io.proxyline.command.number;

import static io.proxyline.command.web.Json.text;
import static io.proxyline.command.web.Json.texts;
import static io.proxyline.api.wire.ProxyRejected.badRequest;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.proxyline.api.number.AcquirePhoneNumberCommand;
import io.proxyline.api.number.OrderedNumber;
import io.proxyline.api.number.PlacePhoneNumberOrderCommand;
import io.proxyline.api.number.ReleasePhoneNumberCommand;
import io.proxyline.api.phone.PhoneNumbers;
import io.proxyline.api.wire.Caller;
import io.proxyline.api.wire.ProxyRejected;
import io.proxyline.api.wire.WireTime;
import io.proxyline.command.web.Commands;
import io.proxyline.command.web.Json;
import io.proxyline.web.AwsRequests;
import io.proxyline.web.Callers;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * CreatePhoneNumberOrder and DeletePhoneNumber. Proxyline has no carrier behind it: an order
 * brings the operator's own numbers into the account's inventory at once, so it completes in
 * the request (Successful, Partial or Failed per number) instead of staying Processing.
 */
@RestController
class NumberCommandController {
    private static final int MAX_NUMBERS_PER_ORDER = 500;
    private final AwsRequests requests;
    private final Commands commands;
    private final Clock clock;

    NumberCommandController(AwsRequests requests, Commands commands, Clock clock) {
        this.requests = requests;
        this.commands = commands;
        this.clock = clock;
    }

    @PostMapping("/phone-number-orders")
    ResponseEntity<ObjectNode> order(HttpServletRequest request) {
        ObjectNode in = requests.read("CreatePhoneNumberOrder", request, Map.of());
        Caller caller = Callers.of(request);
        String productType = text(in, "ProductType");
        if (!"VoiceConnector".equals(productType)) {
            throw badRequest("ProductType " + productType + " is not supported; Proxyline orders VoiceConnector numbers");
        }
        List<String> numbers = new ArrayList<>(new LinkedHashSet<>(texts(in, "E164PhoneNumbers")));
        if (numbers.isEmpty() || numbers.size() > MAX_NUMBERS_PER_ORDER) {
            throw badRequest("E164PhoneNumbers must hold 1 to " + MAX_NUMBERS_PER_ORDER + " phone numbers");
        }
        for (String n : numbers) {
            if (!PhoneNumbers.isE164(n)) throw badRequest("E164PhoneNumbers: '" + n + "' is not a valid E.164 phone number");
        }
        String orderId = UUID.randomUUID().toString();
        List<OrderedNumber> outcome = new ArrayList<>();
        for (String n : numbers) {
            String status = "Acquired";
            try {
                commands.send(caller, new AcquirePhoneNumberCommand(n, caller.accountId(), orderId, productType,
                        text(in, "Name")));
            } catch (ProxyRejected e) {
                status = "Failed";
            }
            outcome.add(new OrderedNumber(n, status));
        }
        commands.send(caller, new PlacePhoneNumberOrderCommand(orderId, caller.accountId(), productType, outcome));
        long acquired = outcome.stream().filter(o -> o.status().equals("Acquired")).count();
        ObjectNode order = Json.object();
        order.put("PhoneNumberOrderId", orderId);
        order.put("ProductType", productType);
        order.put("Status", acquired == outcome.size() ? "Successful" : acquired == 0 ? "Failed" : "Partial");
        order.put("OrderType", "New");
        ArrayNode ordered = order.putArray("OrderedPhoneNumbers");
        outcome.forEach(o -> ordered.addObject().put("E164PhoneNumber", o.e164PhoneNumber()).put("Status", o.status()));
        String now = WireTime.format(clock.instant());
        order.put("CreatedTimestamp", now);
        order.put("UpdatedTimestamp", now);
        ObjectNode out = Json.object();
        out.set("PhoneNumberOrder", order);
        return ResponseEntity.status(201).body(out);
    }

    @DeleteMapping("/phone-numbers/{phoneNumberId}")
    ResponseEntity<Void> delete(HttpServletRequest request, @PathVariable String phoneNumberId) {
        requests.read("DeletePhoneNumber", request, Map.of("phoneNumberId", phoneNumberId));
        Caller caller = Callers.of(request);
        if (!PhoneNumbers.isE164(phoneNumberId)) throw ProxyRejected.notFound("Phone number " + phoneNumberId + " not found");
        commands.send(caller, new ReleasePhoneNumberCommand(phoneNumberId, caller.accountId()));
        return ResponseEntity.noContent().build();
    }
}
