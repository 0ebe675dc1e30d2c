package io.proxyline.store;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import de.bwaldvogel.mongo.MongoServer;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.function.Consumer;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The BSON-encoded H2 backend through the MongoDB driver: every value type the read models store
 * comes back as written, also after the file is closed and reopened; the {@code _id} and a
 * secondary unique index find documents and refuse duplicates; updates and drops work.
 */
class BsonH2BackendTest {

    @TempDir
    Path dir;

    @Test
    void documentsOfEveryStoredTypeComeBackAsWrittenAlsoAfterReopeningTheFile() {
        Path file = dir.resolve("readmodels-bson.mv");
        Date when = new Date(1_765_000_000_123L);
        ObjectId oid = new ObjectId();
        Document rich = new Document("_id", "s-1")
                .append("text", "h\u00e9llo")
                .append("int", 42)
                .append("long", 7_000_000_000L)
                .append("double", 1.5)
                .append("bool", true)
                .append("none", null)
                .append("date", when)
                .append("oid", oid)
                .append("list", List.of("a", "b"))
                .append("nested", new Document("country", "US").append("areaCode", "206"))
                .append("nestedList", List.of(new Document("k", 1), new Document("k", 2)));

        withCollection(file, c -> {
            c.insertOne(rich);
            c.insertOne(new Document("_id", oid).append("x", 1));
            c.insertOne(new Document("_id", 5L).append("x", 2));
        });
        withCollection(file, c -> {
            assertThat(c.find(eq("_id", "s-1")).first()).isEqualTo(rich);
            assertThat(c.find(eq("_id", oid)).first()).containsEntry("x", 1);
            assertThat(c.find(eq("_id", 5L)).first()).containsEntry("x", 2);
            assertThat(c.countDocuments()).isEqualTo(3);
        });
    }

    @Test
    void upsertsUpdatesAndInByIdWorkAcrossManyDocumentsAndSurviveReopening() {
        Path file = dir.resolve("readmodels-bson.mv");
        int n = 5_000;
        withCollection(file, c -> {
            List<WriteModel<Document>> writes = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                String id = "session-" + i;
                writes.add(new ReplaceOneModel<>(eq("_id", id), new Document("_id", id).append("ordinal", i)
                        .append("status", "Open"), new ReplaceOptions().upsert(true)));
            }
            c.bulkWrite(writes);
            List<WriteModel<Document>> updates = new ArrayList<>();
            for (int i = 0; i < n; i += 2) {
                updates.add(new UpdateOneModel<>(eq("_id", "session-" + i), Updates.combine(
                        Updates.set("status", "Closed"), Updates.inc("updates", 1))));
            }
            c.bulkWrite(updates);
        });
        withCollection(file, c -> {
            assertThat(c.countDocuments()).isEqualTo(n);
            List<Document> some = c.find(in("_id", List.of("session-10", "session-11", "session-4999", "nope")))
                    .sort(Sorts.ascending("ordinal")).into(new ArrayList<>());
            assertThat(some).extracting(d -> d.getString("status")).containsExactly("Closed", "Open", "Open");
            assertThat(some.get(0).getInteger("updates")).isEqualTo(1);
            assertThat(some.get(1).get("updates")).isNull();
        });
    }

    @Test
    void aSecondaryUniqueIndexFindsAndRefusesDuplicatesAlsoAfterReopening() {
        Path file = dir.resolve("readmodels-bson.mv");
        withCollection(file, c -> {
            c.createIndex(Indexes.ascending("processorName", "segment"), new IndexOptions().unique(true));
            c.insertOne(new Document("processorName", "proxy-sessions").append("segment", 0).append("token", "t0"));
            c.insertOne(new Document("processorName", "proxy-sessions").append("segment", 1).append("token", "t1"));
            c.insertOne(new Document("processorName", "history").append("segment", 0).append("token", "h0"));
        });
        withCollection(file, c -> {
            assertThatThrownBy(() -> c.insertOne(new Document("processorName", "history").append("segment", 0)))
                    .isInstanceOf(MongoWriteException.class).hasMessageContaining("duplicate key");
            assertThat(c.find(new Document("processorName", "proxy-sessions").append("segment", 1)).first())
                    .containsEntry("token", "t1");
            c.updateOne(new Document("processorName", "history").append("segment", 0), Updates.set("token", "h1"));
            assertThat(c.find(new Document("processorName", "history").append("segment", 0)).first())
                    .containsEntry("token", "h1");
            c.drop();
            assertThat(c.countDocuments()).isZero();
            c.insertOne(new Document("processorName", "history").append("segment", 0));
        });
    }

    /**
     * mongo-java-server updates documents in place; the MVStore serializes pages on its background
     * thread. Without the copies (CopyingCollection) this closed the store with a
     * ConcurrentModificationException within seconds.
     */
    @Test
    void inPlaceUpdatesWhileTheBackgroundWriterSerializesLeaveTheStoreOpen() throws Exception {
        Path file = dir.resolve("readmodels-bson.mv");
        MVStore store = new MVStore.Builder().fileName(file.toString()).open();
        store.setAutoCommitDelay(1);
        MongoServer server = new MongoServer(new BsonH2Backend(store));
        server.bind("127.0.0.1", 0);
        try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + server.getLocalAddress().getPort())) {
            MongoCollection<Document> c = client.getDatabase("proxyline").getCollection("docs");
            int docs = 20;
            for (int i = 0; i < docs; i++) {
                Document d = new Document("_id", "d" + i);
                for (int f = 0; f < 1_000; f++) d.append("f" + f, "value-" + f);
                c.insertOne(d);
            }
            int threads = 4;
            int updates = 1_500;
            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
            List<java.util.concurrent.Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    for (int u = 0; u < updates; u++) {
                        c.updateOne(eq("_id", "d" + (u % docs)), Updates.combine(Updates.inc("n", 1),
                                Updates.set("t" + thread, u)));
                    }
                }));
            }
            for (java.util.concurrent.Future<?> f : done) f.get();
            pool.shutdown();
            long total = 0;
            for (Document d : c.find()) total += d.getInteger("n");
            assertThat(total).isEqualTo((long) threads * updates);
        } finally {
            server.shutdownNow();
        }
    }

    private static void withCollection(Path file, Consumer<MongoCollection<Document>> use) {
        MongoServer server = new MongoServer(new BsonH2Backend(new MVStore.Builder().fileName(file.toString()).open()));
        server.bind("127.0.0.1", 0);
        InetSocketAddress address = server.getLocalAddress();
        try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + address.getPort())) {
            use.accept(client.getDatabase("proxyline").getCollection("docs"));
        } finally {
            server.shutdownNow();
        }
    }
}
