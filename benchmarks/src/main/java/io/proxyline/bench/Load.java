package io.proxyline.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import software.amazon.awssdk.services.chimesdkvoice.ChimeSdkVoiceClient;

/**
 * Drives the app with worker threads, each with its own SDK client (and so its own connections).
 * Latencies are wall-clock around the SDK call, in microseconds: signing, HTTP and the app.
 */
final class Load implements AutoCloseable {
    /** One operation; throws when the call failed. */
    interface Op {
        void call(ChimeSdkVoiceClient client) throws Exception;
    }

    /**
     * One measured run.
     *
     * @param latency microseconds, successful calls only
     * @param errorSamples the first few failures, described
     */
    record Run(long ops, long errors, double seconds, Histogram latency, List<String> errorSamples) {
        double throughput() {
            return ops / seconds;
        }

        double p50Millis() {
            return latency.getValueAtPercentile(50) / 1000.0;
        }

        double p99Millis() {
            return latency.getValueAtPercentile(99) / 1000.0;
        }

        double maxMillis() {
            return latency.getMaxValue() / 1000.0;
        }
    }

    private final List<ChimeSdkVoiceClient> clients;
    private final ExecutorService threads;

    Load(List<ChimeSdkVoiceClient> clients) {
        this.clients = clients;
        this.threads = Executors.newFixedThreadPool(clients.size(), r -> {
            Thread t = new Thread(r, "bench-worker");
            t.setDaemon(true);
            return t;
        });
    }

    /** {@code workers} threads call {@code op} back to back for {@code duration}. */
    Run closed(int workers, Duration duration, Op op) throws InterruptedException {
        long end = System.nanoTime() + duration.toNanos();
        return run(workers, () -> System.nanoTime() < end ? 0 : -1, op);
    }

    /**
     * {@code workers} threads call {@code op} until it has been called {@code count} times in all,
     * or until {@code deadline} (a {@link System#nanoTime()} instant).
     */
    Run count(int workers, long count, long deadline, Op op) throws InterruptedException {
        AtomicLong left = new AtomicLong(count);
        return run(workers, () -> System.nanoTime() - deadline < 0 && left.getAndDecrement() > 0 ? 0 : -1, op);
    }

    ChimeSdkVoiceClient client(int index) {
        return clients.get(index);
    }

    /**
     * Open loop: calls start at {@code rate} per second for {@code duration}, each at its scheduled
     * instant, on whichever of {@code workers} threads is free. Latency counts from the scheduled
     * instant, so a stall shows as latency rather than as fewer samples.
     */
    Run paced(int workers, double rate, Duration duration, Op op) throws InterruptedException {
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(10);
        long end = start + duration.toNanos();
        long total = (long) (rate * duration.toNanos() / 1e9);
        double interval = 1e9 / rate;
        AtomicLong next = new AtomicLong();
        // Calls not started by the end are dropped: the achieved rate shows them.
        return run(workers, () -> {
            long i = next.getAndIncrement();
            if (i >= total || System.nanoTime() - end > 0) return -1;
            long due = start + (long) (i * interval);
            long wait;
            while ((wait = due - System.nanoTime()) > 0) LockSupport.parkNanos(wait);
            return due;
        }, op);
    }

    /** Hands out permission for one call: -1 = stop, 0 = now, otherwise the call's scheduled nanoTime. */
    private interface Budget {
        long acquire();
    }

    private Run run(int workers, Budget budget, Op op) throws InterruptedException {
        if (workers > clients.size()) throw new IllegalArgumentException(workers + " workers, " + clients.size() + " clients");
        List<Future<Run>> futures = new ArrayList<>();
        long started = System.nanoTime();
        for (int w = 0; w < workers; w++) {
            ChimeSdkVoiceClient client = clients.get(w);
            futures.add(threads.submit(() -> work(client, budget, op)));
        }
        Histogram latency = histogram();
        long ops = 0;
        long errors = 0;
        List<String> samples = new ArrayList<>();
        for (Future<Run> f : futures) {
            Run r;
            try {
                r = f.get();
            } catch (ExecutionException e) {
                throw new IllegalStateException("worker failed", e.getCause());
            }
            latency.add(r.latency());
            ops += r.ops();
            errors += r.errors();
            for (String s : r.errorSamples()) if (samples.size() < 5) samples.add(s);
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        return new Run(ops, errors, seconds, latency, samples);
    }

    private static Run work(ChimeSdkVoiceClient client, Budget budget, Op op) {
        Histogram latency = histogram();
        long ops = 0;
        long errors = 0;
        List<String> samples = new ArrayList<>();
        long scheduled;
        while ((scheduled = budget.acquire()) >= 0) {
            long t0 = scheduled > 0 ? scheduled : System.nanoTime();
            try {
                op.call(client);
                latency.recordValue(Math.max(1, (System.nanoTime() - t0) / 1000));
                ops++;
            } catch (Exception e) {
                errors++;
                if (samples.size() < 5) samples.add(Api.describe(e));
            }
        }
        return new Run(ops, errors, 0, latency, samples);
    }

    private static Histogram histogram() {
        // 1 µs .. 10 min, 3 significant digits
        return new Histogram(1, TimeUnit.MINUTES.toMicros(10), 3);
    }

    @Override
    public void close() {
        threads.shutdownNow();
        clients.forEach(ChimeSdkVoiceClient::close);
    }
}
