package io.proxyline.store;

import com.mongodb.client.MongoDatabase;
import com.zaxxer.hikari.HikariDataSource;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
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
     * here: the {@code leftOvers}, the collections it kept there, are dropped where they exist (a drop of a
     * collection that is not there is an error the embedded server logs with its stack trace, on every start).
     */
    public static <T> T storeFor(ObjectProvider<ReadModelDatabase> sql, ObjectProvider<MongoDatabase> mongo,
                                 Function<DataSource, T> onSql, Function<MongoDatabase, T> onMongo,
                                 List<String> leftOvers) {
        ReadModelDatabase database = sql.getIfAvailable();
        MongoDatabase documents = mongo.getObject();
        if (database == null) return onMongo.apply(documents);
        Set<String> present = documents.listCollectionNames().into(new HashSet<>());
        leftOvers.stream().filter(present::contains).forEach(name -> documents.getCollection(name).drop());
        return onSql.apply(database.dataSource());
    }

    @Override
    public void close() {
        if (dataSource instanceof HikariDataSource hikari) hikari.close();
    }
}
