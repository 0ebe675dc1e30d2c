package io.proxyline.query.admin;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalLong;

/**
 * How far one replay of a projection has come, as the {@code projections} endpoint reports it.
 * Counted in event-store positions: on the JDBC store (standalone) a position is an event's global
 * index, so positions are events, except that an insert rolled back by the store leaves a position
 * without an event. The Mongo engine's tokens have no position: there the counts are {@code null}
 * and only {@code state} and the times are known.
 *
 * @param processor the event processor being replayed
 * @param state {@link #REPLAYING}, {@link #COMPLETED}, or {@link #ERROR} while a segment fails
 *     (the processor retries it with a back-off)
 * @param startedAt when the processor was restarted from the beginning (ISO-8601)
 * @param finishedAt when the processor first reached {@code targetPosition}, or null
 * @param fromPosition the position the replay started after (the event store's tail)
 * @param targetPosition the event store's head when the replay started: the replay is complete
 *     once the processor has handled everything up to here
 * @param position where the processor is (its slowest segment on this instance)
 * @param eventsDone {@code position - fromPosition}, at most {@code eventsTotal}
 * @param eventsTotal {@code targetPosition - fromPosition}
 * @param percentDone {@code eventsDone} in percent of {@code eventsTotal}
 * @param elapsedSeconds from the start to the end, or to now while it runs
 * @param eventsPerSecond {@code eventsDone / elapsedSeconds}, the replay's average rate
 * @param etaSeconds the time left at that rate; 0 once complete
 * @param error a failing segment's error, or null
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record ReplayProgress(
        String processor,
        String state,
        String startedAt,
        String finishedAt,
        Long fromPosition,
        Long targetPosition,
        Long position,
        Long eventsDone,
        Long eventsTotal,
        Double percentDone,
        double elapsedSeconds,
        Double eventsPerSecond,
        Double etaSeconds,
        String error) {

    public static final String REPLAYING = "Replaying";
    public static final String COMPLETED = "Completed";
    public static final String ERROR = "Error";

    /**
     * The progress from the replay's raw numbers.
     *
     * @param finishedAt null while the replay runs
     * @param elapsed from the start to {@code finishedAt}, or to now
     * @param from empty when unknown (also for an empty event store)
     * @param target empty when unknown
     * @param position empty when unknown
     * @param error a failing segment's error, or null
     */
    public static ReplayProgress of(
            String processor,
            Instant startedAt,
            Instant finishedAt,
            Duration elapsed,
            OptionalLong from,
            OptionalLong target,
            OptionalLong position,
            String error) {
        boolean completed = finishedAt != null;
        Long total = from.isPresent() && target.isPresent() ? Math.max(0, target.getAsLong() - from.getAsLong()) : null;
        Long done = null;
        if (total != null && completed) {
            done = total;
        } else if (total != null && position.isPresent()) {
            done = Math.min(total, Math.max(0, position.getAsLong() - from.getAsLong()));
        }
        Double percent = total == null || done == null ? null : total == 0 ? 100.0 : round(100.0 * done / total);
        double seconds = elapsed.toNanos() / 1e9;
        Double rate = done == null || seconds <= 0 ? null : round(done / seconds);
        Double eta;
        if (completed) {
            eta = 0.0;
        } else if (done == null || rate == null || done == 0) {
            eta = null;
        } else {
            eta = round((total - done) * seconds / done);
        }
        String state = completed ? COMPLETED : error != null ? ERROR : REPLAYING;
        return new ReplayProgress(processor, state, startedAt.toString(), completed ? finishedAt.toString() : null,
                boxed(from), boxed(target), boxed(position), done, total, percent, round(seconds), rate, eta, error);
    }

    public boolean completed() {
        return COMPLETED.equals(state);
    }

    private static Long boxed(OptionalLong value) {
        return value.isPresent() ? value.getAsLong() : null;
    }

    /** Three decimals: enough for seconds and rates, and readable. */
    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }
}
