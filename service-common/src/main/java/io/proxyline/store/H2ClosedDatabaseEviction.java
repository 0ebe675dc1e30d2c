package io.proxyline.store;

import com.zaxxer.hikari.SQLExceptionOverride;
import java.sql.SQLException;
import java.util.Set;

/**
 * Tells the pool to drop a connection whose H2 database is closed. H2's MVStore closes the whole
 * database when a file write fails (a full disk): every pooled connection then answers "The
 * database has been closed" for good, and Hikari, which evicts only on connection-class SQL
 * states, would keep handing them out. A new connection opens the file again at its last commit.
 */
final class H2ClosedDatabaseEviction implements SQLExceptionOverride {
    /** H2's DATABASE_IS_CLOSED, DATABASE_CALLED_AT_SHUTDOWN, IO_EXCEPTION_1, IO_EXCEPTION_2. */
    private static final Set<Integer> FATAL = Set.of(90098, 90121, 90028, 90031);

    @java.lang.Override
    public Override adjudicate(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && FATAL.contains(sql.getErrorCode())) {
                return Override.MUST_EVICT;
            }
            if (t.getClass().getName().equals("org.h2.mvstore.MVStoreException")) {
                return Override.MUST_EVICT;
            }
            if (t.getCause() == t) break;
        }
        return Override.CONTINUE_EVICT;
    }
}
