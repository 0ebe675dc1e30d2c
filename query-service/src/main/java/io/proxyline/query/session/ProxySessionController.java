package io.proxyline.query.session;

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

/** The proxy-session read operations; the legacy {@code chime} namespace uses the same paths. */
@RestController
class ProxySessionController {
    private final AwsRequests awsRequests;
    private final ReadConsistency consistency;
    private final ProxySessionQueries queries;

    ProxySessionController(AwsRequests awsRequests, ReadConsistency consistency, ProxySessionQueries queries) {
        this.awsRequests = awsRequests;
        this.consistency = consistency;
        this.queries = queries;
    }

    @GetMapping("/voice-connectors/{voiceConnectorId}/proxy-sessions/{proxySessionId}")
    ObjectNode getProxySession(
            @PathVariable("voiceConnectorId") String voiceConnectorId,
            @PathVariable("proxySessionId") String proxySessionId,
            HttpServletRequest request) {
        ObjectNode in = awsRequests.read("GetProxySession", request,
                Map.of("voiceConnectorId", voiceConnectorId, "proxySessionId", proxySessionId));
        String accountId = Callers.of(request).accountId();
        consistency.awaitCaughtUp();
        return queries.get(accountId, in.get("VoiceConnectorId").asText(), in.get("ProxySessionId").asText());
    }

    @GetMapping("/voice-connectors/{voiceConnectorId}/proxy-sessions")
    ObjectNode listProxySessions(@PathVariable("voiceConnectorId") String voiceConnectorId, HttpServletRequest request) {
        ObjectNode in = awsRequests.read("ListProxySessions", request, Map.of("voiceConnectorId", voiceConnectorId));
        String accountId = Callers.of(request).accountId();
        consistency.awaitCaughtUp();
        return queries.list(accountId, in.get("VoiceConnectorId").asText(), optionalText(in, "Status"),
                QueryInputs.maxResults(in), optionalText(in, "NextToken"));
    }
}
