package io.proxyline.query.admin;

import io.proxyline.api.wire.Caller;
import io.proxyline.api.wire.ProxyRejected;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.actuate.endpoint.web.annotation.WebEndpoint;
import org.springframework.lang.Nullable;

/**
 * The operators' view of the query side's projections, and their replay, under
 * {@code <actuator>/projections}. Over the web only, not exposed unless configured
 * ({@code management.endpoints.web.exposure.include=health,prometheus,projections}), and every operation
 * first checks that the caller is an operator ({@link OperatorAccess}), so anyone else learns
 * nothing, not even which projections exist. See docs/replay.md.
 *
 * <ul>
 *   <li>{@code GET /actuator/projections}: every projection with its position and lag;</li>
 *   <li>{@code GET /actuator/projections/{name}}: one, with the progress of its last replay;</li>
 *   <li>{@code POST /actuator/projections/{name}} with {@code {"action":"replay"}}: resets the
 *       projection and replays it from the start of the event store; answers 202 once the replay
 *       runs.</li>
 * </ul>
 */
@WebEndpoint(id = "projections")
public class ProjectionsEndpoint {
    static final String REPLAY = "replay";
    private static final Logger log = LoggerFactory.getLogger(ProjectionsEndpoint.class);

    private final ProjectionReplays replays;
    private final OperatorAccess operators;

    ProjectionsEndpoint(ProjectionReplays replays, OperatorAccess operators) {
        this.replays = replays;
        this.operators = operators;
    }

    @ReadOperation
    public ProjectionStatus.Overview projections() {
        operators.requireOperator("list projections");
        return replays.overview();
    }

    @ReadOperation
    public ProjectionStatus projection(@Selector String name) {
        operators.requireOperator("read projection " + name);
        return replays.status(name);
    }

    /** {@code action} is optional for the framework so that a non-operator is refused before it is checked. */
    @WriteOperation
    public WebEndpointResponse<ProjectionStatus> replay(@Selector String name, @Nullable String action) {
        Caller caller = operators.requireOperator("replay projection " + name);
        if (!REPLAY.equals(action)) {
            throw ProxyRejected.badRequest("The request body must be {\"action\":\"replay\"}");
        }
        log.info("Account {} (access key {}, request {}) replays projection {}",
                caller.accountId(), caller.accessKeyId(), caller.requestId(), name);
        return new WebEndpointResponse<>(replays.replay(name), 202);
    }
}
