package io.proxyline.query.consistency;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import java.util.function.Supplier;
import org.axonframework.common.DateTimeUtils;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.extensions.mongo.eventsourcing.eventstore.MongoTrackingToken;
import org.axonframework.extensions.mongo.eventsourcing.eventstore.documentperevent.EventEntryConfiguration;
import org.bson.Document;

/**
 * The event store's head, as {@link ReadConsistency} needs it: the position of the newest stored
 * event. The JDBC engine's {@code createHeadToken()} is exactly that (the highest global index).
 * axon-mongo's is not: it is {@code createTokenAt(now)}, a token at the wall clock that a
 * processor only reaches once an event newer than the read arrives, so on a quiet system every
 * read would wait out the timeout. For that engine the head is the newest event in the event
 * collection, found through the engine's own {@code (timestamp, sequenceNumber)} index.
 */
public final class EventStoreHead implements Supplier<TrackingToken> {
    private static final EventEntryConfiguration FIELDS = EventEntryConfiguration.getDefault();

    private final Supplier<TrackingToken> storeHead;
    private final Supplier<MongoCollection<Document>> mongoEvents;

    /**
     * @param storeHead the event store's {@code createHeadToken()}
     * @param mongoEvents the Mongo engine's event collection, asked for only when that engine is in use
     */
    public EventStoreHead(Supplier<TrackingToken> storeHead, Supplier<MongoCollection<Document>> mongoEvents) {
        this.storeHead = storeHead;
        this.mongoEvents = mongoEvents;
    }

    @Override
    public TrackingToken get() {
        TrackingToken head = storeHead.get();
        if (head instanceof MongoTrackingToken wallClock && wallClock.getTrackedEvents().isEmpty()) {
            return newestMongoEvent();
        }
        return head;
    }

    private TrackingToken newestMongoEvent() {
        Document newest = mongoEvents.get().find()
                .projection(Projections.include(FIELDS.timestampProperty(), FIELDS.eventIdentifierProperty()))
                .sort(Sorts.descending(FIELDS.timestampProperty(), FIELDS.sequenceNumberProperty()))
                .limit(1)
                .first();
        if (newest == null) {
            return null;
        }
        return MongoTrackingToken.of(
                DateTimeUtils.parseInstant(newest.get(FIELDS.timestampProperty()).toString()),
                newest.getString(FIELDS.eventIdentifierProperty()));
    }
}
