package io.proxyline.store;

import com.mongodb.client.MongoDatabase;
import com.zaxxer.hikari.HikariDataSource;
import java.util.function.Consumer;
import java.util.function.Function;
import javax.sql.DataSource;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.springframework.beans.factory.ObjectProvider;

/**
 * Standalone: the in-process SQL database that holds the read models moved off the embedded
 * MongoDB-wire server (docs/design.md, "A read-model store that keeps up"), with the tokens of the
 * processors that write them. A processor on it runs each batch in one transaction of
 * {@link #transactionManager()} that also stores its token in {@link #tokenStore()}: rows and
 * token commit together, so a crash loses whole batches (redone from the token), never half of one,
 * and nothing is rebuilt after it.
 *
 * <p>Not a {@code DataSource} bean: the event store's data source stays the only one Spring Boot
 * and Axon see.
 */
public record ReadModelDatabase(DataSource dataSource, TransactionManager transactionManager, TokenStore tokenStore)
        implements AutoCloseable {

    /**
     * A read model's store: its SQL adapter on the {@code ReadModelDatabase} where there is one (standalone), else
     * its MongoDB adapter. Standalone kept every read model on the embedded MongoDB-wire server before it moved
     * here: {@code dropLeftOvers} removes what a read model left there.
     */
    public static <T> T storeFor(ObjectProvider<ReadModelDatabase> sql, ObjectProvider<MongoDatabase> mongo,
                                 Function<DataSource, T> onSql, Function<MongoDatabase, T> onMongo,
                                 Consumer<MongoDatabase> dropLeftOvers) {
        ReadModelDatabase database = sql.getIfAvailable();
        if (database == null) return onMongo.apply(mongo.getObject());
        dropLeftOvers.accept(mongo.getObject());
        return onSql.apply(database.dataSource());
    }

    @Override
    public void close() {
        if (dataSource instanceof HikariDataSource hikari) hikari.close();
    }
}
