package io.proxyline.query.stream;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.axonframework.common.DateTimeUtils;
import org.axonframework.extensions.mongo.eventsourcing.eventstore.documentperevent.EventEntryConfiguration;
import org.bson.Document;

/**
 * The Mongo event store's events stamped within a span of time, by id and timestamp only: what
 * {@link StreamPositions} needs to rebuild a Mongo tracking token. One range query on the
 * engine's {@code (timestamp, sequenceNumber)} index; the span is the look-back window.
 */
class MongoEventWindowStore {
    private static final EventEntryConfiguration FIELDS = EventEntryConfiguration.getDefault();

    /** An event as a Mongo tracking token records it. */
    record Stamped(String eventId, long timestampMillis) {}

    private final Supplier<MongoCollection<Document>> events;

    MongoEventWindowStore(Supplier<MongoCollection<Document>> events) {
        this.events = events;
    }

    /** Oldest first, as a tracking token sees them. */
    List<Stamped> between(Instant from, Instant to) {
        List<Stamped> out = new ArrayList<>();
        for (Document event : events.get()
                .find(Filters.and(Filters.gte(FIELDS.timestampProperty(), DateTimeUtils.formatInstant(from)),
                        Filters.lte(FIELDS.timestampProperty(), DateTimeUtils.formatInstant(to))))
                .projection(Projections.include(FIELDS.timestampProperty(), FIELDS.eventIdentifierProperty()))
                .sort(new Document(FIELDS.timestampProperty(), 1).append(FIELDS.sequenceNumberProperty(), 1))) {
            out.add(new Stamped(event.getString(FIELDS.eventIdentifierProperty()),
                    DateTimeUtils.parseInstant(event.get(FIELDS.timestampProperty()).toString()).toEpochMilli()));
        }
        return out;
    }
}
