package io.proxyline.query;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.proxyline.web.AwsRequests;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;

/**
 * Stands in for service-common's model-driven reader in controller tests: it maps the URI labels
 * and the query-string members of the read operations to their member names, without validation.
 */
public final class FakeAwsRequests implements AwsRequests {
    private static final Map<String, String> QUERY_MEMBERS = Map.of(
            "next-token", "NextToken",
            "status", "Status",
            "product-type", "ProductType",
            "filter-name", "FilterName",
            "filter-value", "FilterValue");

    private String lastOperation;

    public String lastOperation() {
        return lastOperation;
    }

    @Override
    public ObjectNode read(String operation, HttpServletRequest request, Map<String, String> uriLabels) {
        lastOperation = operation;
        ObjectNode input = JsonNodeFactory.instance.objectNode();
        uriLabels.forEach((label, value) -> input.put(Character.toUpperCase(label.charAt(0)) + label.substring(1), value));
        QUERY_MEMBERS.forEach((parameter, member) -> {
            String value = request.getParameter(parameter);
            if (value != null) {
                input.put(member, value);
            }
        });
        String maxResults = request.getParameter("max-results");
        if (maxResults != null) {
            input.put("MaxResults", Integer.parseInt(maxResults));
        }
        return input;
    }
}
