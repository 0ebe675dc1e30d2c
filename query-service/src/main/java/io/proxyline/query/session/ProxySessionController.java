package io.proxyline.query.session;

import static io.proxyline.query.web.QueryInputs.optionalText;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.proxyline.query.consistency.ReadConsistency;
import io.proxyline.query.history.SessionAtInstant;
import io.proxyline.query.web.QueryInputs;
import io.proxyline.web.AwsRequests;
import io.proxyline.web.Callers;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * The proxy-session read operations; the legacy {@code chime} namespace uses the same paths.
 * GetProxySession with {@code ?at=<ISO-8601>} (Proxyline's GetProxySessionAt) answers the session
 * as it was at that instant, folded from its events in the event store, not from the read model.
 */
@RestController
class ProxySessionController {
    private final AwsRequests awsRequests;
    private final ReadConsistency consistency;
    private final ProxySessionQueries queries;
    private final SessionAtInstant sessionAt;

    ProxySessionController(AwsRequests awsRequests, ReadConsistency consistency, ProxySessionQueries queries,
                           SessionAtInstant sessionAt) {
        this.awsRequests = awsRequests;
        this.consistency = consistency;
        this.queries = queries;
        this.sessionAt = sessionAt;
    }

    @GetMapping("/voice-connectors/{voiceConnectorId}/proxy-sessions/{proxySessionId}")
    ObjectNode getProxySession(
            @PathVariable("voiceConnectorId") String voiceConnectorId,
            @PathVariable("proxySessionId") String proxySessionId,
            HttpServletRequest request) {
        // Validated against the operation it is: a malformed or empty `at` is an AWS-shaped 400.
        boolean past = request.getParameter("at") != null;
        ObjectNode in = awsRequests.read(past ? "GetProxySessionAt" : "GetProxySession", request,
                Map.of("voiceConnectorId", voiceConnectorId, "proxySessionId", proxySessionId));
        String accountId = Callers.of(request).accountId();
        consistency.awaitCaughtUp();
        if (past) {
            return sessionAt.get(accountId, in.get("VoiceConnectorId").asText(), in.get("ProxySessionId").asText(),
                    in.get("At").asText());
        }
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
