package io.proxyline.query.readmodel;

import com.mongodb.MongoNamespace;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
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
    }

    /** How many writes are held, for tests. */
    int held() {
        return pending.values().stream().mapToInt(p -> p.writes().size()).sum();
    }

    private record Pending(MongoCollection<Document> collection, List<WriteModel<Document>> writes) {}
}
