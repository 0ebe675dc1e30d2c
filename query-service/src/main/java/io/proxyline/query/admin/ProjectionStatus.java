package io.proxyline.query.admin;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * One projection, that is one query-side event processor, as seen from this instance. Positions are
 * event-store positions (see {@link ReplayProgress}); {@code null} where the store's tokens have
 * none (the Mongo engine).
 *
 * @param name the processor's name, which the endpoint's paths use
 * @param processingGroups the query-side processing groups it runs
 * @param running whether the processor runs on this instance
 * @param error whether a segment is failing (the processor retries it)
 * @param replaying whether a segment is handling again events it had handled before a reset, and
 *     has not caught up yet
 * @param caughtUp whether every segment claimed here has reached the event store's head
 * @param position the slowest claimed segment's position
 * @param behind how many positions {@code position} is behind the head: the projection's lag
 * @param segments the segments this instance has claimed; other instances' are not seen
 * @param replay the last replay started on this instance, or null
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record ProjectionStatus(
        String name,
        List<String> processingGroups,
        boolean running,
        boolean error,
        boolean replaying,
        boolean caughtUp,
        Long position,
        Long behind,
        List<Segment> segments,
        ReplayProgress replay) {

    /** @param error the segment's failure, or null */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Segment(int segment, Long position, boolean caughtUp, boolean replaying, String error) {}

    /**
     * @param head the event store's head position, or null (empty store, or a store without positions)
     * @param projections the query side's projections
     */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Overview(Long head, List<ProjectionStatus> projections) {}
}
