package io.proxyline.command.expiry;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bson.Document;

/**
 * The expiry schedule on MongoDB (the MongoDB profile): a bucket {@code m<epoch-minute>} lists the
 * connectors with an expiry in that minute; {@code expiry_sessions} the watched sessions.
 */
final class MongoExpiryStore implements ExpiryStore {
    static final String CURSOR = "cursor";
    private final MongoCollection<Document> buckets;
    private final MongoCollection<Document> sessions;
    private final MongoCollection<Document> cursor;

    MongoExpiryStore(MongoDatabase db) {
        this.buckets = db.getCollection("expiry_buckets");
        this.sessions = db.getCollection("expiry_sessions");
        this.cursor = db.getCollection("expiry_cursor");
    }

    @Override
    public void sessionCreated(String proxySessionId, String voiceConnectorId, long createdAtMillis) {
        sessions.replaceOne(eq("_id", proxySessionId),
                new Document("_id", proxySessionId).append("vc", voiceConnectorId).append("createdAt", createdAtMillis),
                new ReplaceOptions().upsert(true));
    }

    @Override
    public Optional<Long> createdAt(String proxySessionId) {
        Document s = sessions.find(eq("_id", proxySessionId)).first();
        return s == null ? Optional.empty() : Optional.of(s.getLong("createdAt"));
    }

    @Override
    public void sessionEnded(String proxySessionId) {
        sessions.deleteOne(eq("_id", proxySessionId));
    }

    @Override
    public void schedule(String voiceConnectorId, long minute) {
        buckets.updateOne(eq("_id", "m" + minute), Updates.addToSet("connectors", voiceConnectorId),
                new UpdateOptions().upsert(true));
        cursor.updateOne(eq("_id", CURSOR), Updates.min("minute", minute), new UpdateOptions().upsert(true));
    }

    @Override
    public Long cursor() {
        Document d = cursor.find(eq("_id", CURSOR)).first();
        return d == null ? null : d.getLong("minute");
    }

    @Override
    public List<String> connectorsExpiringIn(long minute) {
        Document d = buckets.find(eq("_id", "m" + minute)).first();
        return d == null ? List.of() : new ArrayList<>(d.getList("connectors", String.class));
    }

    @Override
    public void finish(long minute) {
        buckets.deleteOne(eq("_id", "m" + minute));
        cursor.updateOne(new Document("_id", CURSOR).append("minute", minute), Updates.set("minute", minute + 1));
    }

    @Override
    public void clear() {
        buckets.deleteMany(new Document());
        sessions.deleteMany(new Document());
        cursor.deleteMany(new Document());
    }
}
