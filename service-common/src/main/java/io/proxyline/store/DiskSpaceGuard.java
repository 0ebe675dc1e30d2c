package io.proxyline.store;

import io.proxyline.api.wire.ProxyRejected;
import io.proxyline.api.wire.WriteAdmission;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Refuses writes (503 ServiceUnavailable) before the disk under the data directory is full, so
 * that the H2 files never meet "No space left on device": H2's MVStore closes itself for good on
 * a failed write (the event store then answers nothing, reads included, until restarted).
 *
 * <p>Two figures: writes are admitted while the file system has at least {@code minFreeSpace}
 * usable and the <em>reserve</em> is in place, a file of {@code reserve} bytes in the data
 * directory. When free space drops under {@code minFreeSpace}, writes are refused and the reserve
 * is deleted, so what is already under way (a commit in flight, the projections catching up, the
 * processors' token claims, the expiry sweeper) has that much room though something else filled
 * the disk. When {@code minFreeSpace + reserve} is free again the reserve is written back and
 * writes are admitted: the service recovers by itself. Checked every {@code checkInterval} on a
 * thread of its own and at most that often on the request path.
 *
 * <p>A store that writes to disk in the background (the embedded read-model store) registers a
 * {@link Listener}: it is told to stop writing before the reserve is released, and to start again
 * after it is back. Then a disk that something else goes on filling to the last byte, the reserve
 * included, does not make it fail a write (H2 closes the store for good on one): its changes wait
 * in memory, and reads keep answering.
 */
public final class DiskSpaceGuard implements WriteAdmission, AutoCloseable {
    static final String RESERVE_FILE = "disk-reserve";
    private static final Logger log = LoggerFactory.getLogger(DiskSpaceGuard.class);
    private static final int CHUNK = 64 * 1024;

    private final Path reserveFile;
    private final FileStore fileStore;
    private final long minFreeSpace;
    private final long reserve;
    private final long checkNanos;
    private final ScheduledExecutorService checker;
    private volatile boolean admitting;
    private volatile long usable;
    private volatile long checkedAt;
    private boolean reserveInPlace;
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();

    /** Told when writes stop being admitted and when they are admitted again. */
    public interface Listener {
        void writesRefused();

        void writesAdmitted();
    }

    DiskSpaceGuard(Path dataDir, long minFreeSpace, long reserve, long checkIntervalMillis) throws IOException {
        this.reserveFile = dataDir.resolve(RESERVE_FILE);
        this.fileStore = Files.getFileStore(dataDir);
        this.minFreeSpace = minFreeSpace;
        this.reserve = reserve;
        this.checkNanos = TimeUnit.MILLISECONDS.toNanos(checkIntervalMillis);
        this.reserveInPlace = reserve == 0 || (Files.isRegularFile(reserveFile) && Files.size(reserveFile) == reserve);
        check();
        this.checker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "disk-space-guard");
            t.setDaemon(true);
            return t;
        });
        checker.scheduleWithFixedDelay(this::checkQuietly, checkIntervalMillis, checkIntervalMillis,
                TimeUnit.MILLISECONDS);
    }

    @Override
    public void admit() {
        if (System.nanoTime() - checkedAt >= checkNanos) {
            checkQuietly();
        }
        if (!admitting) {
            throw ProxyRejected.unavailable("Not enough free disk space for writes (" + megabytes(usable)
                    + " MB free, " + megabytes(minFreeSpace) + " MB needed); reads still work; retry later");
        }
    }

    /** A routing decision is an event like any other: it needs the same room. */
    @Override
    public void admitRoutingDecision() {
        admit();
    }

    /**
     * Registers a listener, told at once if writes are refused now. Calls come from the checking
     * thread, or a request thread checking on the way, one at a time.
     */
    public synchronized void addListener(Listener listener) {
        listeners.add(listener);
        if (!admitting) listener.writesRefused();
    }

    /** Whether writes are admitted, as last checked. */
    public boolean admitting() {
        return admitting;
    }

    private void checkQuietly() {
        try {
            check();
        } catch (IOException | RuntimeException e) {
            log.warn("Checking the free disk space failed: {}", e.toString());
        }
    }

    synchronized void check() throws IOException {
        long free = fileStore.getUsableSpace();
        if (free < minFreeSpace) {
            // The background writers stop first, then the reserve goes to what is under way.
            setAdmitting(false, free);
            if (reserveInPlace && reserve > 0) {
                Files.deleteIfExists(reserveFile);
                reserveInPlace = false;
                log.warn("Free disk space is under {} MB: the {} MB reserve is released for the writes under way",
                        megabytes(minFreeSpace), megabytes(reserve));
                free = fileStore.getUsableSpace();
            }
            setAdmitting(false, free);
        } else if (!reserveInPlace) {
            if (free >= minFreeSpace + reserve && writeReserve()) {
                reserveInPlace = true;
                free = fileStore.getUsableSpace();
                setAdmitting(free >= minFreeSpace, free);
            } else {
                setAdmitting(false, free);
            }
        } else {
            setAdmitting(true, free);
        }
        checkedAt = System.nanoTime();
    }

    private void setAdmitting(boolean now, long free) {
        usable = free;
        if (now == admitting) return;
        admitting = now;
        if (now) {
            log.info("Free disk space is {} MB again: writes are admitted", megabytes(free));
        } else {
            log.warn("Free disk space {} MB is under {} MB (plus the {} MB reserve to restore): writes are "
                    + "refused with 503 until it is back", megabytes(free), megabytes(minFreeSpace),
                    megabytes(reserve));
        }
        for (Listener listener : listeners) notify(listener, now);
    }

    private static void notify(Listener listener, boolean admitted) {
        try {
            if (admitted) listener.writesAdmitted(); else listener.writesRefused();
        } catch (RuntimeException e) {
            log.warn("A disk-space listener failed: {}", e.toString());
        }
    }

    /** Real bytes, not a sparse file: the reserve must hold the space it stands for. */
    private boolean writeReserve() {
        byte[] zeros = new byte[CHUNK];
        try (OutputStream out = Files.newOutputStream(reserveFile, StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
            for (long left = reserve; left > 0; left -= CHUNK) {
                out.write(zeros, 0, (int) Math.min(CHUNK, left));
            }
            return true;
        } catch (IOException e) {
            log.warn("Cannot write the {} MB disk reserve: {}", megabytes(reserve), e.toString());
            try {
                Files.deleteIfExists(reserveFile);
            } catch (IOException ignored) {
                // the next check tries again
            }
            return false;
        }
    }

    private static long megabytes(long bytes) {
        return bytes / (1024 * 1024);
    }

    @Override
    public void close() {
        checker.shutdownNow();
    }
}
