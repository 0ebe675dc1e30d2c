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
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.bson.Document;
import org.springframework.stereotype.Component;

/**
 * Where each session's and each connector's events are in the event store. A subject is one
 * session or one connector. {@code history_subjects}: {@code {_id: subject, voiceConnectorId,
 * proxySessionId, accountId, count, lastSequence}}, the owner and one past the highest position;
 * {@code history_entries}: {@code {_id: "<subject>#<zero-padded position>", sequenceNumber}}, the
 * connector-stream sequence number of the subject's event at that position. Append-only, so a
 * position keeps naming the same event and pages stay stable; nothing grows with the length of a
 * history, which has no bound. Every access is by {@code _id}.
 */
@Component
public class HistoryStore {
    static final String SUBJECTS = "history_subjects";
    static final String ENTRIES = "history_entries";

    private static final ReplaceOptions UPSERT = new ReplaceOptions().upsert(true);

    private final MongoCollection<Document> subjects;
    private final MongoCollection<Document> entries;
    /** The subjects as the projection reads them back while appending. */
    private final BatchState<Subject> known;

    HistoryStore(MongoDatabase database) {
        this.subjects = database.getCollection(SUBJECTS);
        this.entries = database.getCollection(ENTRIES);
        this.known = new BatchState<>(HistoryProjection::subjectsRead, this::findAll);
    }

    /** A session or a connector, with its owner and how many of its events are indexed. */
    record Subject(String key, String voiceConnectorId, String proxySessionId, String accountId, long count,
                   long lastSequence) {

        static Subject from(Document doc) {
            return new Subject(doc.getString("_id"), doc.getString("voiceConnectorId"),
                    doc.getString("proxySessionId"), doc.getString("accountId"),
                    ((Number) doc.get("count")).longValue(), ((Number) doc.get("lastSequence")).longValue());
        }

        /**
         * Only the owning account reads a history, and only under the connector and session it
         * was recorded for (the fields, not the key, decide: keys are made of caller input).
         */
        boolean visibleTo(String callerAccountId, String callerVoiceConnectorId, String callerProxySessionId) {
            return accountId != null && accountId.equals(callerAccountId)
                    && voiceConnectorId.equals(callerVoiceConnectorId)
                    && Objects.equals(proxySessionId, callerProxySessionId);
        }
    }

    public static String connectorKey(String voiceConnectorId) {
        return "vc/" + voiceConnectorId;
    }

    static String sessionKey(String voiceConnectorId, String proxySessionId) {
        return "ps/" + voiceConnectorId + "/" + proxySessionId;
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
    void append(String subjectKey, String voiceConnectorId, String proxySessionId, Supplier<String> ownerIfNew,
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
        known.put(subjectKey, Subject.from(subject));
    }

    /** The owner of a subject as the projection has recorded it so far, its current batch included. */
    Optional<String> recordedOwner(String subjectKey) {
        return known.get(subjectKey).map(Subject::accountId);
    }

    private Map<String, Subject> findAll(Collection<String> subjectKeys) {
        Map<String, Subject> found = new HashMap<>();
        for (Document doc : subjects.find(in("_id", subjectKeys))) {
            found.put(doc.getString("_id"), Subject.from(doc));
        }
        return found;
    }

    Optional<Subject> find(String subjectKey) {
        return Optional.ofNullable(subjects.find(eq("_id", subjectKey)).first()).map(Subject::from);
    }

    /** The owner of a subject, if it is known. */
    public Optional<String> accountOf(String subjectKey) {
        return find(subjectKey).map(Subject::accountId);
    }

    /** The sequence numbers at positions {@code [from, from + count)}, in position order. */
    List<Long> sequenceNumbers(String subjectKey, long from, int count) {
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

    void clear() {
        subjects.drop();
        entries.drop();
    }
}
