package io.proxyline.store;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.InsertOneModel;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.HdrHistogram.Histogram;
import org.bson.Document;
import org.h2.mvstore.MVStore;

/**
 * The embedded read-model store's ceiling, per backend, side by side: the write pattern of the
 * session projections through the MongoDB driver to mongo-java-server on loopback, as the app's
 * standalone profile runs it. Per created session five document writes: the session document
 * (upsert by {@code _id}), its position-index entry (upsert), the connector's count ({@code $set}),
 * a history entry (insert) and a status change ({@code $set} on the session). Each of 4 threads
 * (one per projection, as the app's processors) sends batches of 80 sessions as one ordered
 * {@code bulkWrite} per collection, as {@code ReadModelBatch} does. The backends run in turn,
 * repetition after repetition, each on a fresh file, so they see the same machine.
 */
public final class ReadModelStoreBench {
    /** Sessions per batch: 400 document writes. */
    private static final int BATCH = 80;
    private static final int WRITES_PER_SESSION = 5;
    private static final int THREADS = 4;
    private static final BulkWriteOptions ORDERED = new BulkWriteOptions().ordered(true);
    private static final ReplaceOptions UPSERT = new ReplaceOptions().upsert(true);
    private static final org.bson.codecs.DocumentCodec CODEC = new org.bson.codecs.DocumentCodec();

    private ReadModelStoreBench() {}

    /**
     * Not a backend of the app: the same writes as rows of H2 tables through JDBC in this JVM, one
     * transaction per batch — what an in-process SQL read-model store would cost.
     */
    public static final String JDBC = "jdbc-h2 (not in the app)";

    /** The backends measured: the app's {@code proxyline.embedded.backend} values, then {@link #JDBC}. */
    public static final List<String> BACKENDS = List.of("h2-java", "h2", "memory", JDBC);

    /** Document writes per second for each backend, keyed by its {@code proxyline.embedded.backend} value. */
    public static Map<String, RawStoreBench.Result> writes(Path dir, Duration warmup, Duration measure, int reps)
            throws Exception {
        Map<String, List<RawStoreBench.Rep>> byBackend = new LinkedHashMap<>();
        Map<String, long[]> rowsAndBytes = new LinkedHashMap<>();
        for (String backend : BACKENDS) {
            byBackend.put(backend, new ArrayList<>());
            rowsAndBytes.put(backend, new long[2]);
        }
        for (int rep = 0; rep < reps; rep++) {
            for (String backend : BACKENDS) {
                Path repDir = dir.resolve(backend + "-" + rep);
                Files.createDirectories(repDir);
                Path file = repDir.resolve("readmodels.mv");
                if (JDBC.equals(backend)) {
                    long[] written = new long[1];
                    RawStoreBench.Rep measured;
                    Path db = repDir.resolve("readmodels");
                    try (java.sql.Connection c = java.sql.DriverManager.getConnection(
                            "jdbc:h2:file:" + db.toAbsolutePath() + ";WRITE_DELAY=0", "sa", "")) {
                        try (java.sql.Statement st = c.createStatement()) {
                            for (int t = 0; t < THREADS; t++) {
                                for (String prefix : List.of("w" + rep + "p" + t, "m" + rep + "p" + t)) {
                                    st.execute("CREATE TABLE " + prefix + "_sessions (id VARCHAR PRIMARY KEY, doc VARBINARY,"
                                            + " status VARCHAR, updated_at TIMESTAMP)");
                                    st.execute("CREATE TABLE " + prefix + "_index (id VARCHAR PRIMARY KEY, session VARCHAR)");
                                    st.execute("CREATE TABLE " + prefix + "_counts (id VARCHAR PRIMARY KEY, n BIGINT)");
                                    st.execute("CREATE TABLE " + prefix + "_history (id VARCHAR PRIMARY KEY, session VARCHAR,"
                                            + " type VARCHAR, at TIMESTAMP, seq BIGINT)");
                                }
                            }
                        }
                    }
                    String url = "jdbc:h2:file:" + db.toAbsolutePath() + ";WRITE_DELAY=0";
                    runJdbc(url, warmup, written, "w" + rep);
                    measured = runJdbc(url, measure, written, "m" + rep);
                    byBackend.get(backend).add(measured);
                    rowsAndBytes.get(backend)[0] += written[0];
                    Path mv = repDir.resolve("readmodels.mv.db");
                    rowsAndBytes.get(backend)[1] += Files.exists(mv) ? Files.size(mv) : 0;
                    continue;
                }
                MongoServer server = new MongoServer(backend(backend, file));
                server.bind("127.0.0.1", 0);
                long[] written = new long[1];
                RawStoreBench.Rep measured;
                try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + server.getLocalAddress().getPort())) {
                    MongoDatabase db = client.getDatabase("proxyline");
                    run(db, warmup, written, "w" + rep);
                    measured = run(db, measure, written, "m" + rep);
                } finally {
                    server.shutdownNow();
                }
                byBackend.get(backend).add(measured);
                rowsAndBytes.get(backend)[0] += written[0];
                rowsAndBytes.get(backend)[1] += Files.exists(file) ? Files.size(file) : 0;
            }
        }
        Map<String, RawStoreBench.Result> out = new LinkedHashMap<>();
        for (String backend : BACKENDS) {
            long[] rb = rowsAndBytes.get(backend);
            out.put(backend, new RawStoreBench.Result(byBackend.get(backend), rb[0] / reps, rb[1] / reps));
        }
        return out;
    }

    private static MongoBackend backend(String name, Path file) {
        return switch (name) {
            case "h2-java" -> new H2Backend(file.toString());
            case "h2" -> new BsonH2Backend(new MVStore.Builder().fileName(file.toString()).open());
            case "memory" -> new MemoryBackend();
            default -> throw new IllegalArgumentException(name);
        };
    }

    /** One thread's writer: sends batch after batch of {@link #BATCH} sessions. */
    private interface Writer extends AutoCloseable {
        /** Writes the sessions {@code [ordinal, ordinal + BATCH)}; timed by the caller. */
        void batch(long ordinal) throws Exception;

        @Override
        default void close() throws Exception {}
    }

    /** Opens one thread's writer for its projection's tables or collections. */
    private interface WriterFactory {
        Writer open(String projection) throws Exception;
    }

    /** Writes through the MongoDB driver, one ordered {@code bulkWrite} per collection. */
    private static RawStoreBench.Rep run(MongoDatabase db, Duration duration, long[] written, String prefix)
            throws Exception {
        return measure(duration, written, prefix, projection -> {
            MongoCollection<Document> sessions = db.getCollection(projection + "_sessions");
            MongoCollection<Document> index = db.getCollection(projection + "_index");
            MongoCollection<Document> counts = db.getCollection(projection + "_counts");
            MongoCollection<Document> history = db.getCollection(projection + "_history");
            return ordinal -> {
                List<WriteModel<Document>> s = new ArrayList<>();
                List<WriteModel<Document>> i = new ArrayList<>();
                List<WriteModel<Document>> c = new ArrayList<>();
                List<WriteModel<Document>> hist = new ArrayList<>();
                for (long o = ordinal; o < ordinal + BATCH; o++) {
                    String id = projection + "-session-" + o;
                    Date now = new Date();
                    String key = String.format("%s#%012d", projection, o);
                    s.add(new ReplaceOneModel<>(eq("_id", id), session(id, projection, o, now), UPSERT));
                    i.add(new ReplaceOneModel<>(eq("_id", key), new Document("_id", key).append("proxySessionId", id),
                            UPSERT));
                    c.add(new UpdateOneModel<>(eq("_id", projection), Updates.set("count", o + 1),
                            new com.mongodb.client.model.UpdateOptions().upsert(true)));
                    hist.add(new InsertOneModel<>(new Document("_id", id + "#0").append("proxySessionId", id)
                            .append("type", "ProxySessionCreated").append("at", now).append("sequence", 0L)));
                    s.add(new UpdateOneModel<>(eq("_id", id), Updates.combine(Updates.set("status", "InProgress"),
                            Updates.set("updatedAt", now))));
                }
                sessions.bulkWrite(s, ORDERED);
                index.bulkWrite(i, ORDERED);
                counts.bulkWrite(c, ORDERED);
                history.bulkWrite(hist, ORDERED);
            };
        });
    }

    /** The same writes as {@link #run}, as rows through JDBC, one transaction per thread's batch. */
    private static RawStoreBench.Rep runJdbc(String url, Duration duration, long[] written, String prefix)
            throws Exception {
        return measure(duration, written, prefix, projection -> {
            java.sql.Connection c = java.sql.DriverManager.getConnection(url, "sa", "");
            c.setAutoCommit(false);
            var upsert = c.prepareStatement("MERGE INTO " + projection + "_sessions (id, doc, status, updated_at) KEY (id)"
                    + " VALUES (?, ?, ?, ?)");
            var index = c.prepareStatement("MERGE INTO " + projection + "_index (id, session) KEY (id) VALUES (?, ?)");
            var count = c.prepareStatement("MERGE INTO " + projection + "_counts (id, n) KEY (id) VALUES (?, ?)");
            var history = c.prepareStatement("INSERT INTO " + projection + "_history (id, session, type, at, seq)"
                    + " VALUES (?, ?, ?, ?, ?)");
            var status = c.prepareStatement("UPDATE " + projection + "_sessions SET status = ?, updated_at = ? WHERE id = ?");
            return new Writer() {
                @Override
                public void batch(long ordinal) throws Exception {
                    for (long o = ordinal; o < ordinal + BATCH; o++) {
                        String id = projection + "-session-" + o;
                        java.sql.Timestamp now = new java.sql.Timestamp(System.currentTimeMillis());
                        org.bson.io.BasicOutputBuffer bson = new org.bson.io.BasicOutputBuffer();
                        CODEC.encode(new org.bson.BsonBinaryWriter(bson), session(id, projection, o, new Date()),
                                org.bson.codecs.EncoderContext.builder().build());
                        upsert.setString(1, id);
                        upsert.setBytes(2, bson.toByteArray());
                        upsert.setString(3, "Open");
                        upsert.setTimestamp(4, now);
                        upsert.addBatch();
                        index.setString(1, String.format("%s#%012d", projection, o));
                        index.setString(2, id);
                        index.addBatch();
                        count.setString(1, projection);
                        count.setLong(2, o + 1);
                        count.addBatch();
                        history.setString(1, id + "#0");
                        history.setString(2, id);
                        history.setString(3, "ProxySessionCreated");
                        history.setTimestamp(4, now);
                        history.setLong(5, 0);
                        history.addBatch();
                        status.setString(1, "InProgress");
                        status.setTimestamp(2, now);
                        status.setString(3, id);
                        status.addBatch();
                    }
                    upsert.executeBatch();
                    index.executeBatch();
                    count.executeBatch();
                    history.executeBatch();
                    status.executeBatch();
                    c.commit();
                }

                @Override
                public void close() throws Exception {
                    c.close();
                }
            };
        });
    }

    /** Runs a writer per thread (one per projection) for {@code duration}; latency per batch in µs. */
    private static RawStoreBench.Rep measure(Duration duration, long[] written, String prefix,
                                             WriterFactory writers) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        AtomicBoolean stop = new AtomicBoolean();
        List<Future<Long>> futures = new ArrayList<>();
        List<Histogram> histograms = new ArrayList<>();
        long start = System.nanoTime();
        for (int t = 0; t < THREADS; t++) {
            Histogram h = new Histogram(3);
            histograms.add(h);
            String projection = prefix + "p" + t;
            futures.add(pool.submit(() -> {
                long ops = 0;
                try (Writer writer = writers.open(projection)) {
                    for (long ordinal = 0; !stop.get(); ordinal += BATCH) {
                        long t0 = System.nanoTime();
                        writer.batch(ordinal);
                        h.recordValue(Math.max(1, (System.nanoTime() - t0) / 1_000));
                        ops += (long) BATCH * WRITES_PER_SESSION;
                    }
                }
                return ops;
            }));
        }
        Thread.sleep(duration.toMillis());
        stop.set(true);
        long ops = 0;
        for (Future<Long> f : futures) ops += f.get();
        double seconds = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        Histogram all = new Histogram(3);
        histograms.forEach(all::add);
        written[0] += ops;
        return new RawStoreBench.Rep(ops, seconds, all);
    }

    private static Document session(String id, String connector, long ordinal, Date now) {
        return new Document("_id", id)
                .append("voiceConnectorId", connector)
                .append("accountId", "111122223333")
                .append("ordinal", ordinal)
                .append("participants", List.of("+12065550100", "+12065550101"))
                .append("proxyPhoneNumber", "+12065550199")
                .append("capabilities", List.of("Voice", "SMS"))
                .append("expiryMinutes", 60)
                .append("name", "bench")
                .append("numberSelectionBehavior", "PreferSticky")
                .append("status", "Open")
                .append("createdAt", now)
                .append("updatedAt", now)
                .append("deleted", false);
    }
}
