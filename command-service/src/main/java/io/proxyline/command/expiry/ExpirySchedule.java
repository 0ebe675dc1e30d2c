package io.proxyline.command.expiry;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import io.proxyline.api.session.ProxySessionClosedEvent;
import io.proxyline.api.session.ProxySessionCreatedEvent;
import io.proxyline.api.session.ProxySessionDeletedEvent;
import io.proxyline.api.session.ProxySessionUpdatedEvent;
import io.proxyline.api.session.SessionExpiry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.bson.Document;
import org.springframework.stereotype.Component;

/**
 * When sessions expire, bucketed by minute, so the sweeper can record closings without a
 * query that scans: a bucket {@code m<epoch-minute>} lists the connectors with an expiry in
 * that minute, and the cursor is the earliest minute not yet swept. This only drives the
 * recording of expiries; whether a session is active never waits for it.
 */
@Component
@ProcessingGroup("expiry-schedule")
class ExpirySchedule {
    static final String CURSOR = "cursor";
    private final MongoCollection<Document> buckets;
    private final MongoCollection<Document> sessions;
    private final MongoCollection<Document> cursor;

    ExpirySchedule(MongoDatabase db) {
        this.buckets = db.getCollection("expiry_buckets");
        this.sessions = db.getCollection("expiry_sessions");
        this.cursor = db.getCollection("expiry_cursor");
    }

    @EventHandler
    void on(ProxySessionCreatedEvent e) {
        sessions.replaceOne(eq("_id", e.proxySessionId()),
                new Document("_id", e.proxySessionId()).append("vc", e.voiceConnectorId())
                        .append("createdAt", e.createdAt().toEpochMilli()),
                new com.mongodb.client.model.ReplaceOptions().upsert(true));
        schedule(e.voiceConnectorId(), e.expiry().expiresAt());
    }

    @EventHandler
    void on(ProxySessionUpdatedEvent e) {
        Document s = sessions.find(eq("_id", e.proxySessionId())).first();
        if (s == null) return;
        schedule(e.voiceConnectorId(),
                new SessionExpiry(Instant.ofEpochMilli(s.getLong("createdAt")), e.expiryMinutes()).expiresAt());
    }

    @EventHandler
    void on(ProxySessionClosedEvent e) {
        sessions.deleteOne(eq("_id", e.proxySessionId()));
    }

    @EventHandler
    void on(ProxySessionDeletedEvent e) {
        sessions.deleteOne(eq("_id", e.proxySessionId()));
    }

    @ResetHandler
    void reset() {
        buckets.deleteMany(new Document());
        sessions.deleteMany(new Document());
        cursor.deleteMany(new Document());
    }

    private void schedule(String voiceConnectorId, Instant expiresAt) {
        long minute = minuteOf(expiresAt);
        buckets.updateOne(eq("_id", "m" + minute), Updates.addToSet("connectors", voiceConnectorId),
                new UpdateOptions().upsert(true));
        cursor.updateOne(eq("_id", CURSOR), Updates.min("minute", minute), new UpdateOptions().upsert(true));
    }

    static long minuteOf(Instant instant) {
        return Math.floorDiv(instant.getEpochSecond(), 60);
    }

    /** The earliest minute with work, or null when nothing was ever scheduled. */
    Long cursor() {
        Document d = cursor.find(eq("_id", CURSOR)).first();
        return d == null ? null : d.getLong("minute");
    }

    List<String> connectorsExpiringIn(long minute) {
        Document d = buckets.find(eq("_id", "m" + minute)).first();
        return d == null ? List.of() : new ArrayList<>(d.getList("connectors", String.class));
    }

    /** Done with a fully past minute: drop its bucket and move the cursor on, unless it moved back meanwhile. */
    void finish(long minute) {
        buckets.deleteOne(eq("_id", "m" + minute));
        cursor.updateOne(new Document("_id", CURSOR).append("minute", minute), Updates.set("minute", minute + 1));
    }
}
