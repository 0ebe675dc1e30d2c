package io.proxyline.query.number;

import static io.proxyline.query.web.QueryInputs.optionalText;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.proxyline.query.consistency.ReadConsistency;
import io.proxyline.query.web.QueryInputs;
import io.proxyline.web.AwsRequests;
import io.proxyline.web.Callers;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** The phone-number read operations; the legacy {@code chime} namespace uses the same paths. */
@RestController
class PhoneNumberController {
    private final AwsRequests awsRequests;
    private final ReadConsistency consistency;
    private final PhoneNumberQueries queries;

    PhoneNumberController(AwsRequests awsRequests, ReadConsistency consistency, PhoneNumberQueries queries) {
        this.awsRequests = awsRequests;
        this.consistency = consistency;
        this.queries = queries;
    }

    /** The id is the E.164 number; clients send its {@code +} percent-encoded and Spring decodes it. */
    @GetMapping("/phone-numbers/{phoneNumberId}")
    ObjectNode getPhoneNumber(@PathVariable("phoneNumberId") String phoneNumberId, HttpServletRequest request) {
        ObjectNode in = awsRequests.read("GetPhoneNumber", request, Map.of("phoneNumberId", phoneNumberId));
        String accountId = Callers.of(request).accountId();
        consistency.awaitCaughtUp();
        return queries.get(accountId, in.get("PhoneNumberId").asText());
    }

    @GetMapping("/phone-numbers")
    ObjectNode listPhoneNumbers(HttpServletRequest request) {
        ObjectNode in = awsRequests.read("ListPhoneNumbers", request, Map.of());
        String accountId = Callers.of(request).accountId();
        consistency.awaitCaughtUp();
        PhoneNumberQueries.ListFilter filter = new PhoneNumberQueries.ListFilter(
                optionalText(in, "Status"),
                optionalText(in, "ProductType"),
                optionalText(in, "FilterName"),
                optionalText(in, "FilterValue"));
        return queries.list(accountId, filter, QueryInputs.maxResults(in), optionalText(in, "NextToken"));
    }

    @GetMapping("/phone-number-orders/{phoneNumberOrderId}")
    ObjectNode getPhoneNumberOrder(@PathVariable("phoneNumberOrderId") String orderId, HttpServletRequest request) {
        ObjectNode in = awsRequests.read("GetPhoneNumberOrder", request, Map.of("phoneNumberOrderId", orderId));
        String accountId = Callers.of(request).accountId();
        consistency.awaitCaughtUp();
        return queries.getOrder(accountId, in.get("PhoneNumberOrderId").asText());
    }
}
