package io.proxyline.query.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Members of an operation's input, already validated against the AWS model by {@code AwsRequests}. */
public final class QueryInputs {
    /** The model's {@code ResultMax} upper bound, and what AWS answers when none is asked for. */
    public static final int DEFAULT_MAX_RESULTS = 100;

    private QueryInputs() {}

    public static int maxResults(ObjectNode input) {
        JsonNode value = input.get("MaxResults");
        return value == null || value.isNull() ? DEFAULT_MAX_RESULTS : value.intValue();
    }

    /** The member's text, or null when the input does not have it. */
    public static String optionalText(ObjectNode input, String member) {
        JsonNode value = input.get(member);
        return value == null || value.isNull() ? null : value.asText();
    }
}
