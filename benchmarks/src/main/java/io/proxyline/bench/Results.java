package io.proxyline.bench;

import com.fasterxml.jackson.databind.JsonNode;

import io.proxyline.store.RawStoreBench;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Everything one run measured, in the order the report shows it. */
final class Results {
    String date;
    String command;
    Config config;
    String cpuModel;
    int nproc;
    long memTotal;
    String javaVersion;
    String h2Version;
    List<String> appJvmFlags = List.of();
    List<String> benchJvmFlags = List.of();
    List<String> appArgs = List.of();

    final List<Double> startupSeconds = new ArrayList<>();
    final List<Long> idleRss = new ArrayList<>();
    /** Start-ups as bin/proxyline launches the app, interleaved: from the plain jar, and with its CDS archive. */
    final List<Double> launcherPlainSeconds = new ArrayList<>();
    final List<Double> launcherCdsSeconds = new ArrayList<>();
    String launcherNote;
    /** Projection replays over generated histories, one per stored-event level, smallest first. */
    final List<ReplayLevel> replayLevels = new ArrayList<>();
    String replayNote;
    /** The replay phase with {@code --variant}: the variants in the order each level ran them, the first the reference. */
    final List<CompareVariant> replayVariants = new ArrayList<>();
    /** Variant name → its replay levels, smallest first ({@link #replayLevels} is then the last variant's). */
    final Map<String, List<ReplayLevel>> replaySides = new LinkedHashMap<>();
    /** The stored phase, one entry per stored-session level, smallest first. */
    final List<StoredLevel> storedLevels = new ArrayList<>();

    /** "Axon JdbcEventStorageEngine append, 1 thread" → repetitions. */
    final Map<String, RawStoreBench.Result> raw = new LinkedHashMap<>();
    /** Keys of {@link #raw}. */
    /** Key of {@link #raw} for a read-model store backend ({@code proxyline.embedded.backend}). */
    static String readModelKey(String backend) {
        return "read-model store, backend `" + backend + "`: document writes, 4 threads (latency per bulk of 400)";
    }
    static final String AXON_1 = "Axon JdbcEventStorageEngine, 1 event per transaction, 1 thread";
    static final String AXON_N = "Axon JdbcEventStorageEngine, 1 event per transaction, 16 threads";
    static final String JDBC_1 = "H2 JDBC single-row INSERT, autocommit, 1 thread";
    static final String JDBC_N = "H2 JDBC single-row INSERT, autocommit, 16 threads";

    /** "create-1", "create-16", "get-1", "get-16" → the phase. */
    final Map<String, Phase> http = new LinkedHashMap<>();
    final Map<String, Profile> profiles = new LinkedHashMap<>();

    Lag lag;
    HookAtActive hook;
    /** Event stream and webhook latency, and the stream's catch-up rate, on the main app after its phases. */
    StreamBench.Figures stream;
    long mainStoredAfter;
    long mainRssAfter;

    final List<Level> levels = new ArrayList<>();
    String levelsStoppedBecause;

    /** The compare phase's variants, in the order each round starts them; the first is the reference. */
    final List<CompareVariant> variants = new ArrayList<>();
    /** Variant name → one entry per round it was started in, in round order. */
    final Map<String, List<CompareRound>> compare = new LinkedHashMap<>();
    /** How long the compare phase took, start-ups and set-ups included. */
    double compareSeconds = Double.NaN;
    /** Keys of {@link CompareRound#ops()}, in the order the report shows them, and their titles. */
    static final Map<String, String> COMPARE_OPS = compareOps();

    private static Map<String, String> compareOps() {
        Map<String, String> ops = new LinkedHashMap<>();
        ops.put("create-1vc", "CreateProxySession, 16 clients, one connector");
        ops.put("create-16vc", "CreateProxySession, 16 clients, 16 connectors (one per client)");
        ops.put("get", "GetProxySession, 16 clients");
        ops.put("hook", "CreateProxyInteraction (routing hook, HTTP Basic), 16 clients");
        return ops;
    }

    final List<String> failures = new ArrayList<>();
    final List<CatchUp> catchUps = new ArrayList<>();

    /**
     * One replay level: the history written into a fresh data directory, how long the app's first start took to
     * build every query-side read model from it (no tokens yet, so every processor starts from the tail), and each
     * projection's replay through the operator endpoint: processor → the endpoint's final progress.
     */
    record ReplayLevel(long target, HistoryGenerator.Summary history, double startSeconds, double initialBuildSeconds,
                       Map<String, JsonNode> replays, long rssAfter, Map<String, Long> dataFiles) {}

    /**
     * One stored-session level: the generated history, the first start on it (health, then every read model built
     * from it), heap after a full GC once built and after the measured load, the measured creates and gets, and the
     * second start on the same data, as bin/proxyline starts the app (restart: process start to the first
     * GetProxySession of a stored session answered 200; idle RSS and heap after GC once it is idle).
     */
    record StoredLevel(long target, HistoryGenerator.Summary history, double startSeconds, double initialBuildSeconds,
                       long heapBuilt, long heapLoaded, Phase create, Phase get, boolean gracefulStop,
                       double restartSeconds, boolean restartedWithCds, long rssIdleRestarted, long heapRestarted, Map<String, Long> dataFiles) {}

    /** A wait, before a measured phase, until GetProxySession found the newest session ({@code notFound} 404s first). */
    record CatchUp(String when, double seconds, int notFound, long stored) {}

    /**
     * One measured phase against the app.
     *
     * @param appCores CPU the app used during the measured repetitions, in cores
     * @param appSystemCores the part of it spent in the kernel
     * @param benchCores CPU the benchmark JVM (clients: SDK, signing) used meanwhile
     * @param appThreads the app's busiest thread groups, in cores
     * @param storedBefore sessions stored in the app when the phase started
     */
    record Phase(String title, int clients, List<Load.Run> reps, double appCores, double appSystemCores, double benchCores,
                 Map<String, Double> appThreads, long storedBefore, long storedAfter) {
        Spread throughput() {
            return Spread.of(reps, Load.Run::throughput);
        }

        Spread p50() {
            return Spread.of(reps, Load.Run::p50Millis);
        }

        Spread p99() {
            return Spread.of(reps, Load.Run::p99Millis);
        }

        long errors() {
            return reps.stream().mapToLong(Load.Run::errors).sum();
        }

        List<String> errorSamples() {
            return reps.stream().flatMap(r -> r.errorSamples().stream()).distinct().limit(5).toList();
        }
    }

    /** A variant of the compare phase as run: {@link Variant} and its jar's digest. */
    record CompareVariant(Variant variant, String jarDigest) {}

    /**
     * One start of one variant in the compare phase.
     *
     * @param startSeconds process start → health UP
     * @param ops {@link #COMPARE_OPS} key → its measured run (one repetition); an operation that failed is absent
     * @param catchUpSeconds the wait for the read model before the measured gets
     * @param storedAtEnd sessions stored in the measured connectors when the last run ended
     * @param failure what went wrong in this start, or null
     */
    record CompareRound(int round, double startSeconds, Map<String, Phase> ops, double catchUpSeconds,
                        long storedAtEnd, long rssAtEnd, String failure) {}

    /** A JFR recording taken during one extra repetition of a phase. */
    record Profile(String title, String file, Profiler.Analysis analysis) {}

    /**
     * Projection lag at a paced create rate.
     *
     * @param metric true: the app's {@code proxyline.projection.lag} timer; false: read-after-write fallback
     * @param creates the paced create runs (latency from the scheduled instant)
     * @param perProcessor processor → per repetition [p50 ms, p99 ms, events, mean ms, events per second]
     * @param readAfterWrite fallback: create response → GetProxySession success, per repetition
     * @param appThreads the app's busiest thread groups over the repetitions, in cores
     */
    record Lag(boolean metric, double rate, List<Load.Run> creates, Map<String, List<double[]>> perProcessor,
               List<Load.Run> readAfterWrite, String note, Map<String, Double> appThreads) {}

    /**
     * Routing-hook decisions paced at {@code rate}/s (open loop) with {@code active} sessions active on the one
     * connector; latency from each call's scheduled instant.
     *
     * @param preload the creates that made the sessions, through the API
     */
    record HookAtActive(long active, Load.Run preload, double rate, int workers, List<Load.Run> runs, double appCores,
                        double benchCores, Map<String, Double> appThreads) {}

    /** Creates and gets with about {@code target} sessions already stored in the connector. */
    /** @param hook1 / hookN routing-hook decisions at 1 and at the high client count */
    record Level(long target, Load.Run preload, Phase get, Phase create, Phase hook1, Phase hookN, long rssAfter,
                 Map<String, Long> files) {}
}
