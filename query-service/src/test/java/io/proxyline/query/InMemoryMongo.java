package io.proxyline.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Sorts;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonValue;
import org.bson.Document;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * An in-memory mongo-java-server on loopback and a fresh database per test. It also watches every
 * query the code under test sends: on mongo-java-server anything but a flat {@code _id} match (or
 * {@code _id $in}) is a full scan, so any other filter fails the test.
 */
public final class InMemoryMongo implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {
    /** Reads the tests themselves make to compare whole collections carry this comment. */
    private static final String TEST_SCAN = "test-scan";
    private static final AtomicInteger DATABASES = new AtomicInteger();

    private final List<String> scans = Collections.synchronizedList(new ArrayList<>());
    private MongoServer server;
    private MongoClient client;
    private MongoClient unchecked;
    private MongoDatabase database;

    public MongoDatabase database() {
        return database;
    }

    /** Switches this test to another fresh database (for {@link #database()} and {@link #snapshot()}). */
    public MongoDatabase freshDatabase() {
        database = client.getDatabase("query_test_" + DATABASES.incrementAndGet());
        return database;
    }

    /**
     * A client to this test's server that the scan check does not watch, for code that is not
     * Proxyline's and may scan here (Axon's Mongo event store).
     */
    public MongoClient uncheckedClient() {
        if (unchecked == null) {
            unchecked = MongoClients.create("mongodb://127.0.0.1:" + server.getLocalAddress().getPort());
        }
        return unchecked;
    }

    /** The non-{@code _id} queries seen in this test so far; cleared by the caller to expect them. */
    public List<String> detectedScans() {
        return scans;
    }

    /** Every collection's documents, by collection name, each sorted by {@code _id}. */
    public Map<String, List<Document>> snapshot() {
        Map<String, List<Document>> all = new TreeMap<>();
        for (String name : database.listCollectionNames()) {
            List<Document> docs = database.getCollection(name).find().comment(TEST_SCAN).sort(Sorts.ascending("_id"))
                    .into(new ArrayList<>());
            if (!docs.isEmpty()) {
                all.put(name, docs);
            }
        }
        return all;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        server = new MongoServer(new MemoryBackend());
        InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
        server.bind(address);
        int port = server.getLocalAddress().getPort();
        client = MongoClients.create(MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString("mongodb://127.0.0.1:" + port))
                .addCommandListener(new ScanDetector())
                .build());
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        scans.clear();
        database = client.getDatabase("query_test_" + DATABASES.incrementAndGet());
    }

    @Override
    public void afterEach(ExtensionContext context) {
        assertThat(scans).as("queries that are not an _id lookup (full scans on mongo-java-server)").isEmpty();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (unchecked != null) {
            unchecked.close();
        }
        client.close();
        server.shutdownNow();
    }

    private final class ScanDetector implements CommandListener {
        @Override
        public void commandStarted(CommandStartedEvent event) {
            BsonDocument command = event.getCommand();
            if (command.containsKey("comment") && TEST_SCAN.equals(command.get("comment").asString().getValue())) {
                return;
            }
            switch (event.getCommandName()) {
                case "find" -> check(command, command.getDocument("filter", new BsonDocument()));
                case "update" -> statements(command, "updates").forEach(u -> check(command, u.asDocument().getDocument("q")));
                case "delete" -> statements(command, "deletes").forEach(d -> check(command, d.asDocument().getDocument("q")));
                case "findAndModify" -> check(command, command.getDocument("query", new BsonDocument()));
                case "aggregate", "count", "distinct", "mapReduce" -> scans.add(command.toJson());
                default -> { }
            }
        }

        private BsonArray statements(BsonDocument command, String field) {
            return command.containsKey(field) ? command.getArray(field) : new BsonArray();
        }

        private void check(BsonDocument command, BsonDocument filter) {
            if (!filter.keySet().equals(Set.of("_id")) || !isExactOrIn(filter.get("_id"))) {
                scans.add(command.toJson());
            }
        }

        private boolean isExactOrIn(BsonValue value) {
            if (!value.isDocument()) {
                return true;
            }
            BsonDocument operator = value.asDocument();
            return operator.keySet().equals(Set.of("$in"));
        }
    }
}
