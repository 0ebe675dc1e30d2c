package io.proxyline.query.admin;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.proxyline.query.ProcessingGroups;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The projections' positions as gauges, from the same overview the {@code projections} endpoint
 * shows: {@code proxyline.projection.behind} (events between the event store's head and the
 * slowest segment this instance has claimed), {@code proxyline.projection.error} (1 while a
 * segment is failing) per {@code processor} (each processing group runs in a processor of its
 * name), and {@code proxyline.eventstore.head} (the newest event's position). Positions exist only
 * on the JDBC event store; on the MongoDB engine's the positional gauges are NaN and
 * {@code proxyline.projection.lag} (time from append to read model) is the measure. The overview
 * is taken at most once per second, however many gauges a scrape reads.
 */
final class ProjectionMetrics implements MeterBinder {
    private static final Logger log = LoggerFactory.getLogger(ProjectionMetrics.class);
    private static final long REFRESH_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final ProjectionReplays replays;
    private ProjectionStatus.Overview last;
    private long takenAt;

    ProjectionMetrics(ProjectionReplays replays) {
        this.replays = replays;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (String group : ProcessingGroups.ALL) {
            Gauge.builder("proxyline.projection.behind", this, of(group, s -> s.behind() == null ? Double.NaN : s.behind()))
                    .description("events the projection is behind the event store's head")
                    .tag("processor", group).register(registry);
            Gauge.builder("proxyline.projection.error", this, of(group, s -> s.error() ? 1 : 0))
                    .description("1 while a segment of the projection is failing")
                    .tag("processor", group).register(registry);
        }
        Gauge.builder("proxyline.eventstore.head", this, m -> {
                    ProjectionStatus.Overview overview = m.overview();
                    return overview == null || overview.head() == null ? Double.NaN : overview.head();
                })
                .description("position of the newest event in the event store").register(registry);
    }

    private static ToDoubleFunction<ProjectionMetrics> of(String group, ToDoubleFunction<ProjectionStatus> value) {
        return metrics -> {
            ProjectionStatus.Overview overview = metrics.overview();
            if (overview == null) return Double.NaN;
            for (ProjectionStatus status : overview.projections()) {
                if (status.processingGroups().contains(group)) return value.applyAsDouble(status);
            }
            return Double.NaN;
        };
    }

    private synchronized ProjectionStatus.Overview overview() {
        long now = System.nanoTime();
        if (last == null || now - takenAt >= REFRESH_NANOS) {
            try {
                last = replays.overview();
            } catch (RuntimeException e) {
                // Before Axon has started, or a store is down: no figure rather than a failed scrape.
                log.debug("No projection overview for the metrics: {}", e.toString());
                last = null;
            }
            takenAt = now;
        }
        return last;
    }
}
