package io.proxyline.query.readmodel;

import com.mongodb.MongoNamespace;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.bson.Document;

/**
 * The read-model writes of one batch of events, held until the batch's last event has been handled
 * and then sent as one ordered {@code bulkWrite} per collection ({@link ReadModelBatching} installs
 * and flushes it). A batch of N events thus costs one round trip per collection it touches, not one
 * per write.
 *
 * <p>Order: writes to one collection are applied in the order they were made; collections are
 * flushed in the order the batch first wrote to them. Every store writes its collections in the
 * same order in each handler (the document, then its index entry, then the count a reader pages
 * by), so a reader never sees a count whose entries are not written yet, as without batching.
 *
 * <p>Until the flush, MongoDB does not have the batch's writes: a handler that reads what an earlier
 * event of the same batch wrote reads it through {@link BatchState}, which the batch keeps up to
 * date, never from MongoDB.
 */
public final class ReadModelBatch {
    static final String RESOURCE = ReadModelBatch.class.getName();
    private static final BulkWriteOptions ORDERED = new BulkWriteOptions().ordered(true);

    private final List<? extends EventMessage<?>> messages;
    private final Map<MongoNamespace, Pending> pending = new LinkedHashMap<>();
    private final Map<Object, Object> states = new HashMap<>();
    /** Where each coalesced {@code $max} write is held, and its value so far. */
    private final Map<MaxKey, Max> maxima = new HashMap<>();

    ReadModelBatch(List<? extends EventMessage<?>> messages) {
        this.messages = messages;
    }

    /** The batch of the unit of work on this thread, or null when its writes are not batched. */
    static ReadModelBatch current() {
        if (!CurrentUnitOfWork.isStarted()) {
            return null;
        }
        return CurrentUnitOfWork.get().getResource(RESOURCE);
    }

    /**
     * Writes to a read model: in the batch being handled on this thread, if there is one; else at
     * once (a processor without batching, or a caller outside any unit of work).
     */
    public static void write(MongoCollection<Document> collection, WriteModel<Document> write) {
        ReadModelBatch batch = current();
        if (batch == null) {
            collection.bulkWrite(List.of(write), ORDERED);
        } else {
            batch.add(collection, write);
        }
    }

    /**
     * Raises {@code field} of the document {@code id} to at least {@code value} (an upsert with
     * {@code $max}). In a batch, all such writes to one document's field are one write, with the
     * largest value, at the place of the first: a batch of N sessions created on one connector
     * writes its count once, not N times. {@code $max} makes the one write equal to the N.
     */
    public static void writeMax(MongoCollection<Document> collection, String id, String field, long value) {
        ReadModelBatch batch = current();
        if (batch == null) {
            collection.bulkWrite(List.of(max(id, field, value)), ORDERED);
        } else {
            batch.addMax(collection, id, field, value);
        }
    }

    private static WriteModel<Document> max(String id, String field, long value) {
        return new UpdateOneModel<>(Filters.eq("_id", id), Updates.max(field, value), new UpdateOptions().upsert(true));
    }

    void addMax(MongoCollection<Document> collection, String id, String field, long value) {
        Pending p = pending.computeIfAbsent(collection.getNamespace(), n -> new Pending(collection, new ArrayList<>()));
        MaxKey key = new MaxKey(collection.getNamespace(), id, field);
        Max known = maxima.get(key);
        if (known == null) {
            maxima.put(key, new Max(p.writes().size(), value));
            p.writes().add(max(id, field, value));
        } else if (value > known.value()) {
            maxima.put(key, new Max(known.index(), value));
            p.writes().set(known.index(), max(id, field, value));
        }
    }

    private record MaxKey(MongoNamespace namespace, String id, String field) {}

    private record Max(int index, long value) {}

    void add(MongoCollection<Document> collection, WriteModel<Document> write) {
        pending.computeIfAbsent(collection.getNamespace(), n -> new Pending(collection, new ArrayList<>()))
                .writes().add(write);
    }

    /** The events of the batch, in order. */
    List<? extends EventMessage<?>> messages() {
        return messages;
    }

    /** Per-batch state of one {@link BatchState}, created on first use. */
    @SuppressWarnings("unchecked")
    <T> T state(Object owner, Supplier<T> create) {
        return (T) states.computeIfAbsent(owner, o -> create.get());
    }

    /** Sends every held write; afterwards nothing is held. A failed write fails the batch. */
    void flush() {
        for (Pending p : pending.values()) {
            p.collection().bulkWrite(p.writes(), ORDERED);
        }
        pending.clear();
        maxima.clear();
    }

    /** How many writes are held, for tests. */
    int held() {
        return pending.values().stream().mapToInt(p -> p.writes().size()).sum();
    }

    private record Pending(MongoCollection<Document> collection, List<WriteModel<Document>> writes) {}
}
