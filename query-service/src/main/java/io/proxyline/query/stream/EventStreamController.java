package io.proxyline.query.stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.proxyline.web.AwsRequests;
import io.proxyline.web.Callers;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.async.AsyncRequestNotUsableException;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * StreamEvents, {@code GET /events}: the caller's account's connector and session events as
 * Server-Sent Events, each a CloudEvents 1.0 JSON envelope; see docs/event-stream.md. The input
 * (filters and position) is validated against the model before the stream opens, so bad input is
 * an ordinary AWS-shaped 400.
 */
@RestController
class EventStreamController {
    private static final Logger log = LoggerFactory.getLogger(EventStreamController.class);

    private final AwsRequests awsRequests;
    private final EventStreams streams;

    EventStreamController(AwsRequests awsRequests, EventStreams streams) {
        this.awsRequests = awsRequests;
        this.streams = streams;
    }

    @GetMapping("/events")
    SseEmitter streamEvents(HttpServletRequest request, HttpServletResponse response) {
        ObjectNode in = awsRequests.read("StreamEvents", request, Map.of());
        String accountId = Callers.of(request).accountId();
        Set<String> types = new HashSet<>();
        in.path("Types").forEach(type -> types.add(type.asText()));
        JsonNode connector = in.get("VoiceConnectorId");
        // A reconnecting EventSource sends Last-Event-ID and the original URL: the header is the later position.
        String member = in.has("LastEventId") ? "LastEventId" : in.has("After") ? "After" : null;
        SseEmitter emitter = streams.open(
                new EventFilter(accountId, types, connector == null ? null : connector.asText()),
                member == null ? null : in.get(member).asText(), member);
        response.setHeader("Cache-Control", "no-cache");
        // nginx (the split deployment's edge) would otherwise buffer the stream.
        response.setHeader("X-Accel-Buffering", "no");
        return emitter;
    }

    /**
     * A client that leaves is how a stream normally ends, not a failure: the container reports it
     * on the request (the stream's own thread notices it at its next write and cleans up).
     */
    @ExceptionHandler(AsyncRequestNotUsableException.class)
    void clientLeft(AsyncRequestNotUsableException e) {
        log.debug("Event stream client left: {}", e.getMessage());
    }
}
