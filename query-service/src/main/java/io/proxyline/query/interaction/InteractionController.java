package io.proxyline.query.interaction;

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

/** ListProxySessionInteractions, Proxyline's own read operation beside the routing hook. */
@RestController
class InteractionController {
    private final AwsRequests awsRequests;
    private final ReadConsistency consistency;
    private final InteractionQueries queries;

    InteractionController(AwsRequests awsRequests, ReadConsistency consistency, InteractionQueries queries) {
        this.awsRequests = awsRequests;
        this.consistency = consistency;
        this.queries = queries;
    }

    @GetMapping("/voice-connectors/{voiceConnectorId}/proxy-sessions/{proxySessionId}/interactions")
    ObjectNode listProxySessionInteractions(
            @PathVariable("voiceConnectorId") String voiceConnectorId,
            @PathVariable("proxySessionId") String proxySessionId,
            HttpServletRequest request) {
        ObjectNode in = awsRequests.read("ListProxySessionInteractions", request,
                Map.of("voiceConnectorId", voiceConnectorId, "proxySessionId", proxySessionId));
        String accountId = Callers.of(request).accountId();
        consistency.awaitCaughtUp();
        return queries.list(accountId, in.get("VoiceConnectorId").asText(), in.get("ProxySessionId").asText(),
                QueryInputs.maxResults(in), optionalText(in, "NextToken"));
    }
}
