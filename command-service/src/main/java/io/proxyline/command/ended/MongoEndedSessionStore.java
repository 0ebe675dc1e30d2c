package io.proxyline.command.ended;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.ReplaceOptions;
import org.bson.Document;

/**
 * MongoDB profile: a collection beside the event store, every access an {@code _id} match. The
 * write follows the events' append in the same unit of work but not in one transaction (the
 * profile runs without them): see docs/design.md for the window that leaves.
 */
final class MongoEndedSessionStore implements EndedSessionStore {
    private final MongoCollection<Document> entries;

    MongoEndedSessionStore(MongoDatabase db) {
        this.entries = db.getCollection("ended_proxy_sessions");
    }

    private static String key(String voiceConnectorId, String proxySessionId) {
        return voiceConnectorId + "/" + proxySessionId;
    }

    @Override
    public void add(String voiceConnectorId, String proxySessionId) {
        String key = key(voiceConnectorId, proxySessionId);
        entries.replaceOne(eq("_id", key), new Document("_id", key), new ReplaceOptions().upsert(true));
    }

    @Override
    public void remove(String voiceConnectorId, String proxySessionId) {
        entries.deleteOne(eq("_id", key(voiceConnectorId, proxySessionId)));
    }

    @Override
    public boolean contains(String voiceConnectorId, String proxySessionId) {
        return entries.find(eq("_id", key(voiceConnectorId, proxySessionId))).first() != null;
    }
}
