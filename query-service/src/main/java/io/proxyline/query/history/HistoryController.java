package io.proxyline.query.history;

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

/** ListProxySessionHistory and ListVoiceConnectorHistory, Proxyline's own audit reads. */
@RestController
class HistoryController {
    private final AwsRequests awsRequests;
    private final ReadConsistency consistency;
    private final HistoryQueries queries;

    HistoryController(AwsRequests awsRequests, ReadConsistency consistency, HistoryQueries queries) {
        this.awsRequests = awsRequests;
        this.consistency = consistency;
        this.queries = queries;
    }

    @GetMapping("/voice-connectors/{voiceConnectorId}/proxy-sessions/{proxySessionId}/history")
    ObjectNode listProxySessionHistory(
            @PathVariable("voiceConnectorId") String voiceConnectorId,
            @PathVariable("proxySessionId") String proxySessionId,
            HttpServletRequest request) {
        ObjectNode in = awsRequests.read("ListProxySessionHistory", request,
                Map.of("voiceConnectorId", voiceConnectorId, "proxySessionId", proxySessionId));
        String accountId = Callers.of(request).accountId();
        consistency.awaitCaughtUp();
        return queries.sessionHistory(accountId, in.get("VoiceConnectorId").asText(), in.get("ProxySessionId").asText(),
                QueryInputs.maxResults(in), optionalText(in, "NextToken"));
    }

    @GetMapping("/voice-connectors/{voiceConnectorId}/history")
    ObjectNode listVoiceConnectorHistory(
            @PathVariable("voiceConnectorId") String voiceConnectorId, HttpServletRequest request) {
        ObjectNode in = awsRequests.read("ListVoiceConnectorHistory", request, Map.of("voiceConnectorId", voiceConnectorId));
        String accountId = Callers.of(request).accountId();
        consistency.awaitCaughtUp();
        return queries.connectorHistory(accountId, in.get("VoiceConnectorId").asText(),
                QueryInputs.maxResults(in), optionalText(in, "NextToken"));
    }
}
