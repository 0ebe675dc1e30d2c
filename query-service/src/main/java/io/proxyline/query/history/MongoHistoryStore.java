package io.proxyline.query.history;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import io.proxyline.query.readmodel.BatchState;
import io.proxyline.query.readmodel.ReadModelBatch;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.bson.Document;

/**
 * The history index on MongoDB (the MongoDB profile): where each session's and each connector's
 * events are in the event store. A subject is one
 * session or one connector. {@code history_subjects}: {@code {_id: subject, voiceConnectorId,
 * proxySessionId, accountId, count, lastSequence}}, the owner and one past the highest position;
 * {@code history_entries}: {@code {_id: "<subject>#<zero-padded position>", sequenceNumber}}, the
 * connector-stream sequence number of the subject's event at that position. Append-only, so a
 * position keeps naming the same event and pages stay stable; nothing grows with the length of a
 * history, which has no bound. Every access is by {@code _id}.
 */
final class MongoHistoryStore implements HistoryStore {
    static final String SUBJECTS = "history_subjects";
    static final String ENTRIES = "history_entries";

    private static final ReplaceOptions UPSERT = new ReplaceOptions().upsert(true);

    private final MongoCollection<Document> subjects;
    private final MongoCollection<Document> entries;
    /** The subjects as the projection reads them back while appending. */
    private final BatchState<Subject> known;

    MongoHistoryStore(MongoDatabase database) {
        this.subjects = database.getCollection(SUBJECTS);
        this.entries = database.getCollection(ENTRIES);
        this.known = new BatchState<>(HistoryProjection::subjectsRead, this::findAll);
    }

    static String entryKey(String subjectKey, long position) {
        return subjectKey + "#" + String.format("%012d", position);
    }

    /**
     * Appends the event at {@code sequenceNumber} of the connector's stream to the subject's
     * history, once. Axon hands one connector's events to one thread, in sequence order, so an
     * event at or below the subject's last indexed sequence number is a redelivery or a replay
     * without reset, and changes nothing; an append a crash interrupted (entry written, subject
     * not) is repeated as it was. The owner is set once, when the subject is first seen.
     *
     * @param proxySessionId null for a connector's own history
     * @param ownerIfNew asked only when the subject is new; null when unknown (then nobody reads it)
     */
    @Override
    public void append(String subjectKey, String voiceConnectorId, String proxySessionId, Supplier<String> ownerIfNew,
                long sequenceNumber) {
        Optional<Subject> current = known.get(subjectKey);
        if (current.isPresent() && current.get().lastSequence() >= sequenceNumber) {
            return;
        }
        long position = current.map(Subject::count).orElse(0L);
        String owner = current.isPresent() ? current.get().accountId() : ownerIfNew.get();
        String key = entryKey(subjectKey, position);
        ReadModelBatch.write(entries, new ReplaceOneModel<>(eq("_id", key),
                new Document("_id", key).append("sequenceNumber", sequenceNumber), UPSERT));
        // Last, so that a reader never counts a position whose entry is not written yet.
        Document subject = new Document("_id", subjectKey)
                .append("voiceConnectorId", voiceConnectorId)
                .append("proxySessionId", proxySessionId)
                .append("accountId", owner)
                .append("count", position + 1)
                .append("lastSequence", sequenceNumber);
        ReadModelBatch.write(subjects, new ReplaceOneModel<>(eq("_id", subjectKey), subject, UPSERT));
        known.put(subjectKey, subject(subject));
    }

    /** The owner of a subject as the projection has recorded it so far, its current batch included. */
    @Override
    public Optional<String> recordedOwner(String subjectKey) {
        return known.get(subjectKey).map(Subject::accountId);
    }

    private static Subject subject(Document doc) {
        return new Subject(doc.getString("_id"), doc.getString("voiceConnectorId"),
                doc.getString("proxySessionId"), doc.getString("accountId"),
                ((Number) doc.get("count")).longValue(), ((Number) doc.get("lastSequence")).longValue());
    }

    private Map<String, Subject> findAll(Collection<String> subjectKeys) {
        Map<String, Subject> found = new HashMap<>();
        for (Document doc : subjects.find(in("_id", subjectKeys))) {
            found.put(doc.getString("_id"), subject(doc));
        }
        return found;
    }

    @Override
    public Optional<Subject> find(String subjectKey) {
        return Optional.ofNullable(subjects.find(eq("_id", subjectKey)).first()).map(MongoHistoryStore::subject);
    }

    /** The sequence numbers at positions {@code [from, from + count)}, in position order. */
    @Override
    public List<Long> sequenceNumbers(String subjectKey, long from, int count) {
        List<String> keys = new ArrayList<>(count);
        for (long position = from; position < from + count; position++) {
            keys.add(entryKey(subjectKey, position));
        }
        if (keys.isEmpty()) {
            return List.of();
        }
        Map<String, Long> byKey = new HashMap<>();
        for (Document entry : entries.find(in("_id", keys))) {
            byKey.put(entry.getString("_id"), ((Number) entry.get("sequenceNumber")).longValue());
        }
        List<Long> found = new ArrayList<>(byKey.size());
        for (String key : keys) {
            Long sequenceNumber = byKey.get(key);
            if (sequenceNumber != null) {
                found.add(sequenceNumber);
            }
        }
        return found;
    }

    @Override
    public void clear() {
        subjects.drop();
        entries.drop();
    }

    /** What an earlier standalone build kept here, before this read model moved to SQL rows. */
    static final List<String> LEFT_OVERS = List.of(SUBJECTS, ENTRIES);
}
