package io.proxyline.query.connector;

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

/** The voice-connector read operations; the legacy {@code chime} namespace uses the same paths. */
@RestController
class VoiceConnectorController {
    private final AwsRequests awsRequests;
    private final ReadConsistency consistency;
    private final VoiceConnectorQueries queries;

    VoiceConnectorController(AwsRequests awsRequests, ReadConsistency consistency, VoiceConnectorQueries queries) {
        this.awsRequests = awsRequests;
        this.consistency = consistency;
        this.queries = queries;
    }

    @GetMapping("/voice-connectors/{voiceConnectorId}")
    ObjectNode getVoiceConnector(@PathVariable("voiceConnectorId") String voiceConnectorId, HttpServletRequest request) {
        ObjectNode in = awsRequests.read("GetVoiceConnector", request, Map.of("voiceConnectorId", voiceConnectorId));
        String accountId = Callers.of(request).accountId();
        consistency.awaitCaughtUp();
        return queries.get(accountId, in.get("VoiceConnectorId").asText());
    }

    @GetMapping("/voice-connectors")
    ObjectNode listVoiceConnectors(HttpServletRequest request) {
        ObjectNode in = awsRequests.read("ListVoiceConnectors", request, Map.of());
        String accountId = Callers.of(request).accountId();
        consistency.awaitCaughtUp();
        return queries.list(accountId, QueryInputs.maxResults(in), optionalText(in, "NextToken"));
    }

    @GetMapping("/voice-connectors/{voiceConnectorId}/programmable-numbers/proxy")
    ObjectNode getVoiceConnectorProxy(
            @PathVariable("voiceConnectorId") String voiceConnectorId, HttpServletRequest request) {
        ObjectNode in = awsRequests.read("GetVoiceConnectorProxy", request, Map.of("voiceConnectorId", voiceConnectorId));
        String accountId = Callers.of(request).accountId();
        consistency.awaitCaughtUp();
        return queries.getProxy(accountId, in.get("VoiceConnectorId").asText());
    }
}
