package io.proxyline.query.interaction;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import io.proxyline.api.interaction.InteractionRecordedEvent;
import io.proxyline.query.readmodel.BatchState;
import io.proxyline.query.readmodel.PositionIndex;
import io.proxyline.query.readmodel.ReadModelBatch;
import io.proxyline.query.web.Pages.Positioned;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;

/**
 * The interactions read model on MongoDB (the MongoDB profile), append-only per session. {@code proxy_session_interactions}: one
 * document per interaction, with its position in its session's list; {@code
 * proxy_session_interaction_index}: {@code {_id: "<session>#<zero-padded position>",
 * interactionId}}, so a session's interactions are read oldest first by {@code _id $in} over a range
 * of positions; {@code proxy_session_interaction_counts}: {@code {_id: session, count}}, one past the
 * highest position. Unlike an {@code AppendOnlyList} document, nothing here grows with the length of
 * a session's list, which has no bound. Every access is by {@code _id}.
 */
final class MongoInteractionStore implements InteractionStore {
    static final String INTERACTIONS = "proxy_session_interactions";
    static final String INDEX = "proxy_session_interaction_index";
    static final String COUNTS = "proxy_session_interaction_counts";

    private static final ReplaceOptions UPSERT = new ReplaceOptions().upsert(true);

    private final MongoCollection<Document> interactions;
    /** The counts, read back by {@link #sessionCounts} when an interaction is appended. */
    private final MongoCollection<Document> counts;
    private final PositionIndex positionIndex;
    /** Each stored interaction's position, by interaction id. */
    private final BatchState<Long> positions;
    /** Each session's count, by session id. */
    private final BatchState<Long> sessionCounts;

    MongoInteractionStore(MongoDatabase database) {
        this.interactions = database.getCollection(INTERACTIONS);
        this.counts = database.getCollection(COUNTS);
        this.positionIndex = new PositionIndex(database.getCollection(INDEX), counts, "interactionId");
        this.positions = new BatchState<>(
                event -> matched(event) ? List.of(((InteractionRecordedEvent) event).interactionId()) : List.of(),
                ids -> load(interactions, "position", ids));
        this.sessionCounts = new BatchState<>(
                event -> matched(event) ? List.of(((InteractionRecordedEvent) event).proxySessionId()) : List.of(),
                ids -> load(counts, "count", ids));
    }

    private static boolean matched(Object event) {
        return event instanceof InteractionRecordedEvent e && e.proxySessionId() != null;
    }

    /** The numeric {@code field} of the documents with these ids. */
    private static Map<String, Long> load(MongoCollection<Document> collection, String field, Collection<String> ids) {
        Map<String, Long> found = new HashMap<>();
        for (Document doc : collection.find(in("_id", ids)).projection(Projections.include(field))) {
            found.put(doc.getString("_id"), ((Number) doc.get(field)).longValue());
        }
        return found;
    }

    static String indexKey(String proxySessionId, long position) {
        return PositionIndex.key(proxySessionId, position);
    }

    /**
     * Appends the interaction to its session's list, once: an interaction already stored keeps its
     * position, and the writes that follow are repeated as they were, which also completes an
     * append a crash interrupted. Positions are taken from the count without a race because Axon
     * hands one connector's events to one thread, in order.
     */
    @Override
    public void recorded(InteractionRecordedEvent e) {
        long count = sessionCounts.get(e.proxySessionId()).orElse(0L);
        long position = positions.get(e.interactionId()).orElse(count);
        Document doc = new Document("_id", e.interactionId())
                .append("voiceConnectorId", e.voiceConnectorId())
                .append("accountId", e.accountId())
                .append("proxySessionId", e.proxySessionId())
                .append("position", position)
                .append("type", e.type() == null ? null : e.type().wire())
                .append("fromPhoneNumber", e.fromPhoneNumber())
                .append("toPhoneNumber", e.toPhoneNumber())
                .append("action", e.action() == null ? null : e.action().wire())
                .append("forwardFrom", e.forwardFrom())
                .append("forwardTo", e.forwardTo())
                .append("reason", e.reason() == null ? null : e.reason().wire())
                .append("createdAt", Date.from(e.createdAt()));
        ReadModelBatch.write(interactions, new ReplaceOneModel<>(eq("_id", e.interactionId()), doc, UPSERT));
        positions.put(e.interactionId(), position);
        positionIndex.put(e.proxySessionId(), position, e.interactionId());
        sessionCounts.put(e.proxySessionId(), Math.max(count, position + 1));
    }

    @Override
    public void clear() {
        interactions.drop();
        positionIndex.clear();
    }

    /** One past the session's highest position. */
    @Override
    public long count(String proxySessionId) {
        return positionIndex.count(proxySessionId);
    }

    /** The session's interactions at positions {@code [from, from + count)}, in position order. */
    @Override
    public List<Positioned<InteractionRow>> range(String proxySessionId, long from, int count) {
        return positionIndex.range(proxySessionId, from, count, this::findAll,
                row -> row.proxySessionId().equals(proxySessionId));
    }

    private Map<String, InteractionRow> findAll(Collection<String> interactionIds) {
        Map<String, InteractionRow> rows = new HashMap<>();
        for (Document doc : interactions.find(in("_id", interactionIds))) {
            InteractionRow row = InteractionRow.from(doc);
            rows.put(row.interactionId(), row);
        }
        return rows;
    }

    /** What an earlier standalone build kept here, before this read model moved to SQL rows. */
    static final List<String> LEFT_OVERS = List.of(INTERACTIONS, INDEX, COUNTS);
}
