package io.proxyline.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.support.StaticListableBeanFactory;

class ReadModelDatabaseTest {
    private final MongoServer server = new MongoServer(new MemoryBackend());
    private final List<String> drops = new CopyOnWriteArrayList<>();
    private MongoClient client;
    private MongoDatabase documents;

    @BeforeEach
    void start() {
        server.bind("127.0.0.1", 0);
        CommandListener recordDrops = new CommandListener() {
            @Override
            public void commandStarted(CommandStartedEvent event) {
                if (event.getCommandName().equals("drop")) drops.add(event.getCommand().getString("drop").getValue());
            }
        };
        client = MongoClients.create(MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString("mongodb://127.0.0.1:" + server.getLocalAddress().getPort()))
                .addCommandListener(recordDrops)
                .build());
        documents = client.getDatabase("proxyline");
    }

    @AfterEach
    void stop() {
        client.close();
        server.shutdownNow();
    }

    @Test
    void onSqlTheLeftOversThatExistAreDroppedAndNoOthers() {
        documents.getCollection("old_sessions").insertOne(new Document("_id", "s1"));
        documents.getCollection("kept").insertOne(new Document("_id", "k1"));
        ReadModelDatabase sql = new ReadModelDatabase(null, null, null);

        String store = ReadModelDatabase.storeFor(provider(ReadModelDatabase.class, sql),
                provider(MongoDatabase.class, documents), dataSource -> "sql", mongo -> "mongo",
                List.of("old_sessions", "old_index"));

        assertThat(store).isEqualTo("sql");
        assertThat(drops).containsExactly("old_sessions");
        assertThat(documents.listCollectionNames().into(new HashSet<>())).containsExactly("kept");
    }

    @Test
    void onMongoNothingIsDropped() {
        documents.getCollection("old_sessions").insertOne(new Document("_id", "s1"));

        String store = ReadModelDatabase.storeFor(provider(ReadModelDatabase.class, null),
                provider(MongoDatabase.class, documents), dataSource -> "sql", mongo -> "mongo", List.of("old_sessions"));

        assertThat(store).isEqualTo("mongo");
        assertThat(drops).isEmpty();
        assertThat(documents.listCollectionNames().into(new HashSet<>())).containsExactly("old_sessions");
    }

    private static <T> ObjectProvider<T> provider(Class<T> type, T bean) {
        StaticListableBeanFactory beans = new StaticListableBeanFactory(bean == null ? Map.of() : Map.of("bean", bean));
        return beans.getBeanProvider(type);
    }
}
