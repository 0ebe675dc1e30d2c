package io.proxyline.store;

import java.sql.Connection;
import java.sql.SQLException;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops an MVStore's background writer while the disk guard refuses writes, and starts it again
 * when writes are admitted: the read-model stores (the embedded MongoDB-wire server's file and the
 * SQL read-model database) then keep their changes (the processors' token claims, the last
 * projected events) in memory on a disk filled to the last byte, where a failed write would close
 * them and fail every read after.
 *
 * <p>"Stops" is an auto-commit delay longer than any outage ({@link Integer#MAX_VALUE} ms), not 0:
 * for the MVStore under an H2 database a delay of 0 means the opposite, a write at every commit.
 *
 * <p>What it cannot stop: H2 also writes from the writing thread once the unsaved changes pass
 * its auto-commit buffer (19 MB for the default 1 MB buffer). While writes are refused only the
 * token claims change the store, a few KB each; docs/design.md ("Faults") has the figure.
 */
final class MVStoreWritePause implements DiskSpaceGuard.Listener {
    /** The MVStore under an embedded H2 database opened through {@code connection}. */
    static MVStore of(Connection connection) throws SQLException {
        JdbcConnection h2 = connection.unwrap(JdbcConnection.class);
        return ((SessionLocal) h2.getSession()).getDatabase().getStore().getMvStore();
    }

    private static final Logger log = LoggerFactory.getLogger(MVStoreWritePause.class);

    private final String name;
    private final MVStore store;
    private final int autoCommitDelay;

    MVStoreWritePause(String name, MVStore store) {
        this.name = name;
        this.store = store;
        this.autoCommitDelay = store.getAutoCommitDelay();
    }

    @Override
    public void writesRefused() {
        store.setAutoCommitDelay(Integer.MAX_VALUE);
        log.warn("{} keeps its changes in memory until disk space is back ({} KB unsaved)", name,
                store.getUnsavedMemory() / 1024);
    }

    @Override
    public void writesAdmitted() {
        log.info("{} writes to disk again ({} KB unsaved kept in memory meanwhile)", name,
                store.getUnsavedMemory() / 1024);
        store.setAutoCommitDelay(autoCommitDelay);
    }
}
