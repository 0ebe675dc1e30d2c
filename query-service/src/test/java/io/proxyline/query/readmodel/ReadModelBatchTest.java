package io.proxyline.query.readmodel;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;
import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.InsertOneModel;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import io.proxyline.query.InMemoryMongo;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.DefaultInterceptorChain;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.RollbackConfigurationType;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Batches handled as a streaming processor handles them: one unit of work, {@link ReadModelBatching} around each event. */
class ReadModelBatchTest {
    @RegisterExtension
    static final InMemoryMongo mongo = new InMemoryMongo();

    private MongoCollection<Document> docs;
    private MongoCollection<Document> counts;

    @BeforeEach
    void setUp() {
        docs = mongo.database().getCollection("docs");
        counts = mongo.database().getCollection("counts");
    }

    private record Step(String id, int value) {}

    @Test
    void writesAreHeldUntilTheLastEventThenAppliedInTheOrderMade() {
        List<Long> storedWhileHandling = new ArrayList<>();
        ResultMessage<?> result = handleBatch(List.of(new Step("a", 1), new Step("a", 2), new Step("b", 3),
                new Step("a", 4)), step -> {
            ReadModelBatch.write(docs, new UpdateOneModel<>(eq("_id", step.id()),
                    Updates.combine(Updates.set("last", step.value()), Updates.push("values", step.value())),
                    new UpdateOptions().upsert(true)));
            ReadModelBatch.write(counts, new UpdateOneModel<>(eq("_id", step.id()), Updates.inc("n", 1),
                    new UpdateOptions().upsert(true)));
            storedWhileHandling.add(stored(docs, "a", "b") + stored(counts, "a", "b"));
        });

        assertThat(result.isExceptional()).as("%s", result.optionalExceptionResult()).isFalse();
        assertThat(storedWhileHandling).containsOnly(0L);
        assertThat(docs.find(eq("_id", "a")).first())
                .containsEntry("last", 4).containsEntry("values", List.of(1, 2, 4));
        assertThat(docs.find(eq("_id", "b")).first()).containsEntry("last", 3).containsEntry("values", List.of(3));
        assertThat(counts.find(eq("_id", "a")).first()).containsEntry("n", 3);
        assertThat(counts.find(eq("_id", "b")).first()).containsEntry("n", 1);
    }

    @Test
    void maximaOfOneDocumentsFieldAreOneWritePerBatchWithTheLargestValue() {
        counts.insertOne(new Document("_id", "c").append("count", 9L));
        List<Integer> heldAfterEach = new ArrayList<>();
        ResultMessage<?> result = handleBatch(List.of(new Step("a", 1), new Step("a", 3), new Step("b", 5),
                new Step("a", 2), new Step("c", 4)), step -> {
            ReadModelBatch.writeMax(counts, step.id(), "count", step.value());
            heldAfterEach.add(ReadModelBatch.current().held());
        });

        assertThat(result.isExceptional()).as("%s", result.optionalExceptionResult()).isFalse();
        assertThat(heldAfterEach).containsExactly(1, 1, 2, 2, 3);
        assertThat(counts.find(eq("_id", "a")).first()).containsEntry("count", 3L);
        assertThat(counts.find(eq("_id", "b")).first()).containsEntry("count", 5L);
        assertThat(counts.find(eq("_id", "c")).first()).as("never lowered").containsEntry("count", 9L);
    }

    @Test
    void theWritesAreInMongoBeforeTheUnitOfWorkCommits() {
        List<Long> atPrepareCommit = new ArrayList<>();
        ResultMessage<?> result = handleBatch(List.of(new Step("a", 1), new Step("b", 2)), step -> {
            ReadModelBatch.write(docs, new InsertOneModel<>(new Document("_id", step.id())));
            org.axonframework.messaging.unitofwork.CurrentUnitOfWork.get()
                    .onPrepareCommit(u -> atPrepareCommit.add(stored(docs, "a", "b")));
        });

        assertThat(result.isExceptional()).isFalse();
        assertThat(atPrepareCommit).containsOnly(2L);
    }

    @Test
    void aWriteThatFailsRollsTheWholeBatchBackBeforeItCommits() {
        docs.insertOne(new Document("_id", "taken"));
        AtomicBoolean committed = new AtomicBoolean();
        AtomicBoolean rolledBack = new AtomicBoolean();
        ResultMessage<?> result = handleBatch(List.of(new Step("free", 1), new Step("taken", 2)), step -> {
            var unitOfWork = org.axonframework.messaging.unitofwork.CurrentUnitOfWork.get();
            unitOfWork.onPrepareCommit(u -> committed.set(true));
            unitOfWork.onRollback(u -> rolledBack.set(true));
            ReadModelBatch.write(docs, new InsertOneModel<>(new Document("_id", step.id())));
        });

        assertThat(result.isExceptional()).isTrue();
        assertThat(result.exceptionResult()).isInstanceOf(MongoBulkWriteException.class);
        assertThat(rolledBack).isTrue();
        assertThat(committed).isFalse();
    }

    @Test
    void outsideABatchAWriteIsMadeAtOnce() {
        ReadModelBatch.write(docs, new InsertOneModel<>(new Document("_id", "now")));

        assertThat(stored(docs, "now")).isOne();
    }

    @Test
    void batchStateLoadsTheBatchsKeysOnceAndReadsTheBatchsOwnWrites() {
        counts.insertOne(new Document("_id", "b").append("n", 10));
        List<Collection<String>> loads = new ArrayList<>();
        BatchState<Integer> state = new BatchState<>(event -> List.of(((Step) event).id()), keys -> {
            loads.add(List.copyOf(keys));
            Map<String, Integer> found = new HashMap<>();
            counts.find(in("_id", keys)).forEach(d -> found.put(d.getString("_id"), d.getInteger("n")));
            return found;
        });
        List<Optional<Integer>> seen = new ArrayList<>();
        ResultMessage<?> result = handleBatch(List.of(new Step("a", 1), new Step("b", 2), new Step("a", 3),
                new Step("b", 4)), step -> {
            Optional<Integer> current = state.get(step.id());
            seen.add(current);
            int next = current.orElse(0) + step.value();
            ReadModelBatch.write(counts, new UpdateOneModel<>(eq("_id", step.id()), Updates.set("n", next),
                    new UpdateOptions().upsert(true)));
            state.put(step.id(), next);
        });

        assertThat(result.isExceptional()).isFalse();
        assertThat(loads).containsExactly(List.of("a", "b"));
        assertThat(seen).containsExactly(Optional.empty(), Optional.of(10), Optional.of(1), Optional.of(12));
        assertThat(counts.find(eq("_id", "a")).first()).containsEntry("n", 4);
        assertThat(counts.find(eq("_id", "b")).first()).containsEntry("n", 16);
    }

    @Test
    void batchStateUpdateLeavesAMissingDocumentMissing() {
        BatchState<Integer> state = new BatchState<>(event -> List.of(((Step) event).id()), keys -> Map.of());
        List<Optional<Integer>> seen = new ArrayList<>();
        handleBatch(List.of(new Step("a", 1), new Step("a", 2)), step -> {
            seen.add(state.get(step.id()));
            state.update(step.id(), n -> n + step.value());
        });

        assertThat(seen).containsExactly(Optional.empty(), Optional.empty());
    }

    private static long stored(MongoCollection<Document> collection, String... ids) {
        return collection.find(in("_id", List.of(ids))).into(new ArrayList<>()).size();
    }

    /** One batch of events handled by {@code handler}, as a tracking processor handles it. */
    private static ResultMessage<?> handleBatch(List<Step> steps, Consumer<Step> handler) {
        List<EventMessage<?>> messages = steps.stream().<EventMessage<?>>map(GenericEventMessage::asEventMessage).toList();
        BatchingUnitOfWork<EventMessage<?>> unitOfWork = new BatchingUnitOfWork<>(messages);
        return unitOfWork.executeWithResult(() -> new DefaultInterceptorChain<>(unitOfWork,
                List.of(new ReadModelBatching()), message -> {
                    handler.accept((Step) message.getPayload());
                    return null;
                }).proceed(), RollbackConfigurationType.ANY_THROWABLE);
    }
}
