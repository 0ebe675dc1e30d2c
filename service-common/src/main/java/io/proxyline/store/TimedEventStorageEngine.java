package io.proxyline.store;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.List;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.FilteringEventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;

/**
 * The storage engine with its appends measured: {@code proxyline.eventstore.append} (the time of
 * one append, a unit of work's events in one call) and {@code proxyline.eventstore.appended.events}
 * (events appended), both tagged {@code engine} ({@code jdbc} standalone, {@code mongo} in the
 * MongoDB profile). On the JDBC engine under group commit the append writes into the batch's
 * transaction; its durable commit is {@code proxyline.command.commit}. Everything else is passed
 * through (Axon's filtering engine with a filter that keeps every event).
 */
final class TimedEventStorageEngine extends FilteringEventStorageEngine {
    static final String APPEND = "proxyline.eventstore.append";
    static final String APPENDED = "proxyline.eventstore.appended.events";

    private final Timer append;
    private final Counter appended;

    TimedEventStorageEngine(EventStorageEngine delegate, String engine, MeterRegistry registry) {
        super(delegate, event -> true);
        this.append = Timer.builder(APPEND).description("one append of a unit of work's events to the event store")
                .tag("engine", engine).register(registry);
        this.appended = Counter.builder(APPENDED).description("events appended to the event store")
                .tag("engine", engine).register(registry);
    }

    @Override
    public void appendEvents(EventMessage<?>... events) {
        appendEvents(List.of(events));
    }

    @Override
    public void appendEvents(List<? extends EventMessage<?>> events) {
        long start = System.nanoTime();
        super.appendEvents(events);
        append.record(System.nanoTime() - start, java.util.concurrent.TimeUnit.NANOSECONDS);
        appended.increment(events.size());
    }
}
