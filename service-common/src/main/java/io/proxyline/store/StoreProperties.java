package io.proxyline.store;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Where Proxyline keeps its events, read models and tokens. With {@code proxyline.mongo.uri}
 * set, everything lives in that MongoDB (the production profile); without it, the standalone
 * profile keeps events in an H2 file and read models plus tokens in an embedded MongoDB-wire
 * server, both under {@code proxyline.data-dir}.
 */
@ConfigurationProperties("proxyline")
public record StoreProperties(Path dataDir, Mongo mongo, Embedded embedded, EventStore eventStore, Disk disk) {

    public StoreProperties {
        dataDir = dataDir == null ? Path.of("data") : dataDir;
        mongo = mongo == null ? new Mongo(null, null) : mongo;
        embedded = embedded == null ? new Embedded(null, 0) : embedded;
        eventStore = eventStore == null ? new EventStore(null, null, null, null, null) : eventStore;
        disk = disk == null ? new Disk(null, null, null) : disk;
    }

    public boolean mongoProfile() {
        return mongo.uri() != null && !mongo.uri().isBlank();
    }

    /** @param uri MongoDB connection string; selects the MongoDB profile. */
    public record Mongo(String uri, String database) {
        public Mongo {
            database = database == null || database.isBlank() ? "proxyline" : database;
        }
    }

    /**
     * @param backend {@code h2} (file under the data dir, documents as BSON; the default),
     *     {@code h2-java} (mongo-java-server's stock H2 backend, Java-serialized documents; kept to
     *     measure against) or {@code memory} (tests)
     * @param port the embedded MongoDB-wire server's loopback port; 0 picks a free one
     */
    public record Embedded(String backend, int port) {
        public Embedded {
            backend = backend == null || backend.isBlank() ? "h2" : backend;
        }
    }

    /**
     * @param fetchDelay how long an idle tracking processor waits before polling the store again
     * @param compactOnShutdown whether the standalone H2 files (events, SQL read models) are compacted on orderly shutdown
     * @param snapshotThreshold events after which an aggregate's state is snapshotted (a connector's:
     *                          at least, or as many as its snapshot holds if that is more)
     * @param mongoLookBack MongoDB profile: how far behind the newest seen event a tracking
     *     processor looks for late events (see GuardedEventStorageStrategy)
     * @param processorBatchSize events a tracking processor handles per unit of work (one
     *     token write per batch instead of per event)
     */
    public record EventStore(Duration fetchDelay, Boolean compactOnShutdown, Integer snapshotThreshold,
                             Duration mongoLookBack, Integer processorBatchSize) {
        public EventStore {
            fetchDelay = fetchDelay == null ? Duration.ofMillis(25) : fetchDelay;
            compactOnShutdown = compactOnShutdown == null || compactOnShutdown;
            snapshotThreshold = snapshotThreshold == null ? 1000 : snapshotThreshold;
            mongoLookBack = mongoLookBack == null ? Duration.ofSeconds(10) : mongoLookBack;
            processorBatchSize = processorBatchSize == null ? 100 : processorBatchSize;
        }
    }

    /**
     * Standalone profile: when the data directory's file system has less than {@code minFreeSpace}
     * usable, writes are refused with 503 (see DiskSpaceGuard); {@code reserve} is kept as a file
     * in the data directory and released then, for the writes under way.
     *
     * @param checkInterval how often the free space is checked
     */
    public record Disk(DataSize minFreeSpace,
                       DataSize reserve, Duration checkInterval) {
        public Disk {
            minFreeSpace = minFreeSpace == null ? DataSize.ofMegabytes(64) : minFreeSpace;
            reserve = reserve == null ? DataSize.ofMegabytes(16) : reserve;
            checkInterval = checkInterval == null ? Duration.ofMillis(250) : checkInterval;
        }
    }
}
