package io.proxyline.store;

import com.zaxxer.hikari.HikariDataSource;
import javax.sql.DataSource;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.tokenstore.TokenStore;

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

    @Override
    public void close() {
        if (dataSource instanceof HikariDataSource hikari) hikari.close();
    }
}
