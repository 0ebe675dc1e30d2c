package io.proxyline.store;

import com.mongodb.client.MongoCollection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.axonframework.common.AxonTransientException;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.extensions.mongo.eventsourcing.eventstore.documentperevent.DocumentPerEventStorageStrategy;
import org.axonframework.extensions.mongo.eventsourcing.eventstore.documentperevent.EventEntryConfiguration;
import org.axonframework.serialization.Serializer;
import org.bson.Document;

/**
 * A Mongo tracking processor finds new events by timestamp, looking back a fixed window behind
 * the newest one it has seen; an event that becomes visible later than that after its own
 * timestamp is never delivered. Events are stamped when an aggregate applies them, so a slow
 * command (GC pause, store stall, retries) could append events that are already old.
 *
 * <p>This strategy rules that out: the look-back window is configurable (default 10 s), and an
 * append whose oldest event is older than half the window is refused with a transient
 * exception, so the command is retried and stamps fresh events. The other half is the margin
 * for the insert itself.
 */
final class GuardedEventStorageStrategy extends DocumentPerEventStorageStrategy {
    private final Duration maxAge;
    private final Clock clock;

    GuardedEventStorageStrategy(Duration lookBack, Clock clock) {
        super(EventEntryConfiguration.getDefault(), lookBack);
        this.maxAge = lookBack.dividedBy(2);
        this.clock = clock;
    }

    @Override
    public void appendEvents(MongoCollection<Document> collection, List<? extends EventMessage<?>> events,
                             Serializer serializer) {
        Instant limit = clock.instant().minus(maxAge);
        for (EventMessage<?> event : events) {
            if (event.getTimestamp().isBefore(limit)) {
                throw new StaleEventsException("refusing to append events stamped more than " + maxAge
                        + " ago: a tracking processor could miss them; the command will be retried");
            }
        }
        super.appendEvents(collection, events, serializer);
    }

    static final class StaleEventsException extends AxonTransientException {
        StaleEventsException(String message) {
            super(message);
        }
    }
}
