package io.proxyline.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.Statement;
import java.util.UUID;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.json.JacksonSerializer;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

/** Snapshots of connectors with thousands of active sessions are larger than an event row's 1 MB. */
class H2EventTableFactoryTest {
    /** A payload of about 3 MB, as a connector of about 8,000 active sessions snapshots. */
    record Big(String state) {}

    private static JdbcDataSource database() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        return h2;
    }

    private static JdbcEventStorageEngine engine(JdbcDataSource h2) {
        JacksonSerializer serializer = JacksonSerializer.defaultSerializer();
        return JdbcEventStorageEngine.builder()
                .connectionProvider(h2::getConnection)
                .transactionManager(NoTransactionManager.INSTANCE)
                .eventSerializer(serializer)
                .snapshotSerializer(serializer)
                .dataType(byte[].class)
                .build();
    }

    private static void storeAndReadABigSnapshot(JdbcEventStorageEngine engine) {
        String state = "x".repeat(3_000_000);
        engine.storeSnapshot(new GenericDomainEventMessage<>("VoiceConnector", "vc1", 8403, new Big(state)));
        assertThat(engine.readSnapshot("vc1")).hasValueSatisfying(snapshot -> {
            assertThat(snapshot.getSequenceNumber()).isEqualTo(8403);
            assertThat(((Big) snapshot.getPayload()).state()).hasSize(3_000_000);
        });
    }

    @Test
    void aFreshStoreTakesSnapshotsOfMoreThanOneMegabyte() throws Exception {
        JdbcDataSource h2 = database();
        JdbcEventStorageEngine engine = engine(h2);
        engine.createSchema(new H2EventTableFactory());
        engine.createSchema(new H2EventTableFactory()); // every start runs it again

        storeAndReadABigSnapshot(engine);
    }

    @Test
    void aStoreMadeWithTheOneMegabyteColumnIsWidened() throws Exception {
        JdbcDataSource h2 = database();
        EventSchema schema = EventSchema.builder().build();
        try (Connection c = h2.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE " + schema.snapshotTable() + " (aggregateIdentifier VARCHAR(255) NOT NULL, "
                    + "sequenceNumber BIGINT NOT NULL, type VARCHAR(255) NOT NULL, eventIdentifier VARCHAR(255) NOT NULL, "
                    + "metaData VARBINARY(1048576), payload VARBINARY(1048576) NOT NULL, payloadRevision VARCHAR(255), "
                    + "payloadType VARCHAR(255) NOT NULL, timeStamp VARCHAR(255) NOT NULL, "
                    + "PRIMARY KEY (aggregateIdentifier, sequenceNumber), UNIQUE (eventIdentifier))");
            assertThat(H2EventTableFactory.payloadLength(c, schema.snapshotTable(), schema.payloadColumn()))
                    .isEqualTo(1_048_576);
        }
        JdbcEventStorageEngine engine = engine(h2);
        engine.createSchema(new H2EventTableFactory());

        try (Connection c = h2.getConnection()) {
            assertThat(H2EventTableFactory.payloadLength(c, schema.snapshotTable(), schema.payloadColumn()))
                    .isEqualTo(H2EventTableFactory.SNAPSHOT_PAYLOAD_LENGTH);
        }
        storeAndReadABigSnapshot(engine);
    }
}
