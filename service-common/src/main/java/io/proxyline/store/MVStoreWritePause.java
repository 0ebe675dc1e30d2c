package io.proxyline.store;

import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops an MVStore's background writer while the disk guard refuses writes, and starts it again
 * when writes are admitted: the embedded read-model store then keeps its changes (the processors'
 * token claims, the last projected events) in memory on a disk filled to the last byte, where a
 * failed write would close it for good and fail every read after.
 *
 * <p>What it cannot stop: H2 also writes from the writing thread once the unsaved changes pass
 * its auto-commit buffer (19 MB for the default 1 MB buffer). While writes are refused only the
 * token claims change the store, a few KB each; docs/design.md ("Faults") has the figure.
 */
final class MVStoreWritePause implements DiskSpaceGuard.Listener {
    private static final Logger log = LoggerFactory.getLogger(MVStoreWritePause.class);

    private final MVStore store;
    private final int autoCommitDelay;

    MVStoreWritePause(MVStore store) {
        this.store = store;
        this.autoCommitDelay = store.getAutoCommitDelay();
    }

    @Override
    public void writesRefused() {
        store.setAutoCommitDelay(0);
        log.warn("The read-model store keeps its changes in memory until disk space is back ({} KB unsaved)",
                store.getUnsavedMemory() / 1024);
    }

    @Override
    public void writesAdmitted() {
        log.info("The read-model store writes to disk again ({} KB unsaved kept in memory meanwhile)",
                store.getUnsavedMemory() / 1024);
        store.setAutoCommitDelay(autoCommitDelay);
    }
}
