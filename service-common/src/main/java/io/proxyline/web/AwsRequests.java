package io.proxyline.web;

import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;

/**
 * Reads an operation's input the way the AWS service model defines it: the JSON body, the URI
 * labels and the query-string members, merged into one object keyed by member name
 * ({@code VoiceConnectorId}, {@code MaxResults}, …) and validated strictly against the
 * operation's input shape. Anything that breaks the model is a {@code ProxyRejected} BadRequest.
 */
public interface AwsRequests {
    /**
     * @param operation the model's operation name, e.g. {@code CreateProxySession}
     * @param uriLabels the URI labels by their model location name, e.g. {@code voiceConnectorId}
     */
    ObjectNode read(String operation, HttpServletRequest request, Map<String, String> uriLabels);
}
