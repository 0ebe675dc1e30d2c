package io.proxyline.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.proxyline.store.RawStoreBench;
import io.proxyline.store.ReadModelStoreBench;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import software.amazon.awssdk.services.chimesdkvoice.ChimeSdkVoiceClient;
import software.amazon.awssdk.services.chimesdkvoice.model.NotFoundException;

/**
 * {@code bench/run.sh}: every measurement of docs/benchmarks.md in one run on this machine.
 *
 * <ol>
 *   <li>the raw durable insert rate of the embedded event store, in this JVM (no app running);
 *   <li>start-up time and idle RSS of the standalone app (fresh data directory each time);
 *   <li>CreateProxySession and GetProxySession at 1 and 16 clients through the AWS SDK;
 *   <li>projection lag at a paced create rate;
 *   <li>creates and gets with 10k / 100k / 1M sessions stored in the same connector;
 *   <li>event stream and webhook latency, and the stream's catch-up rate, on the main app;
 *   <li>projection replay over generated histories of 10k and 100k stored events (1M with --replay-levels);
 *   <li>stored sessions ({@code stored}): generated histories of 10k and 1M sessions (--stored-levels), the app
 *       started on each: heap after GC, creates and gets of the stored sessions, restart to the first served
 *       request, idle RSS;
 *   <li>side by side ({@code compare}): app variants — jars, JVM flags, app arguments — started in turn, round
 *       after round, each measured on creates (one connector, and one connector per client), gets and the
 *       routing hook at 16 clients, so that "before vs after" is measured in one run on the same machine.
 * </ol>
 *
 * <pre>
 * java -jar proxyline-benchmarks.jar [--quick] --app-jar standalone.jar --out bench/out
 *      --report docs/benchmarks.md [--analysis bench/analysis.md]
 *      [--phases raw,startup,http,lag,stream,sizes,hook,replay,stored,compare]
 *      [--budget-seconds N] [--replay-levels 100000,1000000] [--stored-levels 10000,1000000]
 *      [--hook-active N] [--hook-rate N] [--command "what to print as the command"]
 *      [--variant NAME=JAR[;jvm=FLAGS][;args=ARGS]]... [--compare-rounds N]
 *      [--compare-warmup-seconds S] [--compare-measure-seconds S]
 * </pre>
 *
 * <p>{@code --variant} is repeated, one per side; the first is the reference the others are compared
 * with; given, it also makes the {@code replay} phase replay each level with every variant in turn. FLAGS
 * go after the benchmark's app JVM flags, ARGS after its app arguments, each list separated by spaces (see
 * {@link Variant}), e.g.
 *
 * <pre>
 * --variant 'before=/work/baseline/proxyline-standalone-155df6d.jar'
 * --variant 'after=standalone/target/proxyline-standalone.jar'
 * --variant 'after-tiered1=standalone/target/proxyline-standalone.jar;jvm=-XX:TieredStopAtLevel=1'
 * --variant 'after-timeout-on=standalone/target/proxyline-standalone.jar;args=--axon.timeout.enabled=true'
 * </pre>
 *
 * <p>Without {@code --variant}, {@code compare} runs the {@code --app-jar} against itself ("app" and
 * "app-again"): the spread of that A/A ratio is the noise of the machine. Per start, after a fixed number
 * of sessions is created (so every variant is measured against the same stored state), defaults: 5 s of
 * warm-up (split over creates on a spare connector, gets and hooks) and 10 s measured per operation,
 * 3 rounds (about 6 minutes for 2 variants); {@code --quick} 2 s, 3 s, 1 round.
 */
public final class Bench {
    /** Creates per second while measuring stream and webhook latency: a steady trickle, not a load test. */
    static final double STREAM_RATE = 20;
    private static final Set<String> ALL_PHASES =
            Set.of("raw", "startup", "http", "lag", "stream", "sizes", "hook", "replay", "stored", "compare");
    /** The query side's projections, as the operator endpoint names them (docs/replay.md). */
    static final List<String> PROJECTIONS =
            List.of("proxy-sessions", "interactions", "history", "connectors", "phone-numbers");
    /** The projections the replay target applies to: they handle most of the history's events. */
    static final List<String> MAIN_PROJECTIONS = List.of("proxy-sessions", "interactions", "history");

    private final Config config;
    private final Path appJar;
    private final Path out;
    private final Set<String> phases;
    private final Results results = new Results();
    private final Participants participants = new Participants();
    private final List<String> appJvmFlags;
    private final long startedNanos = System.nanoTime();
    private final Duration budget;
    /** Pool size of each per-client connector of the compare phase (see {@link #setUpConnectors}). */
    static final int OWN_POOL = 10;
    /** Sessions created in the compare phase's usual connector before its measured runs. */
    static final int COMPARE_STORED = 160;
    /** Sessions created in each client's own connector of the compare phase before its measured runs. */
    static final int COMPARE_STORED_OWN = 10;
    /** The compare phase's sides, the first the reference. */
    private List<Variant> variants = List.of();
    /** Whether {@code --variant} was given: the replay phase then replays each level with every variant. */
    private boolean variantsGiven;
    private Profiler profiler;

    /** bin/proxyline's class-data-sharing launch (bin/prepare-cds): the extracted jar and its archive; null to skip. */
    private Path cdsJar;
    private Path cdsArchive;

    private Bench(Config config, Path appJar, Path out, Set<String> phases, Duration budget) {
        this.config = config;
        this.budget = budget;
        this.appJar = appJar;
        this.out = out;
        this.phases = phases;
        this.appJvmFlags = List.of("-Xms" + config.appHeap(), "-Xmx" + config.appHeap(),
                "-XX:+UseG1GC", "-Ddisable-axoniq-console-message=true");
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = options(args);
        Config config = options.containsKey("quick") ? Config.quick() : Config.standard();
        if (options.containsKey("replay-levels")) {
            config = config.withReplayLevels(Arrays.stream(options.get("replay-levels").split(","))
                    .map(String::trim).map(Long::parseLong).toList());
        }
        if (options.containsKey("stored-levels")) {
            config = config.withStoredLevels(Arrays.stream(options.get("stored-levels").split(","))
                    .map(String::trim).map(Long::parseLong).toList());
        }
        if (options.containsKey("lag-rate")) config = config.withLagRate(Integer.parseInt(options.get("lag-rate")));
        if (options.containsKey("hook-active") || options.containsKey("hook-rate")) {
            config = config.withHook(Long.parseLong(options.getOrDefault("hook-active", Long.toString(config.hookActive()))),
                    Integer.parseInt(options.getOrDefault("hook-rate", Integer.toString(config.hookRate()))));
        }
        config = config.withCompare(
                Integer.parseInt(options.getOrDefault("compare-rounds", Integer.toString(config.compareRounds()))),
                seconds(options, "compare-warmup-seconds", config.compareWarmup()),
                seconds(options, "compare-measure-seconds", config.compareMeasure()));
        Path appJar = Path.of(require(options, "app-jar"));
        Path out = Files.createDirectories(Path.of(options.getOrDefault("out", "bench/out")));
        Path report = Path.of(options.getOrDefault("report", "docs/benchmarks.md"));
        Path analysis = options.containsKey("analysis") ? Path.of(options.get("analysis")) : null;
        Set<String> phases = options.containsKey("phases")
                ? Set.copyOf(Arrays.stream(options.get("phases").split(",")).map(String::trim).toList()) : ALL_PHASES;
        for (String phase : phases) {
            if (!ALL_PHASES.contains(phase)) {
                throw new IllegalArgumentException("--phases: unknown phase " + phase + " (known: " + ALL_PHASES + ")");
            }
        }
        List<Variant> variants = Variant.parseAll(repeated(args, "variant"), appJar);

        Duration budget = options.containsKey("budget-seconds")
                ? Duration.ofSeconds(Long.parseLong(options.get("budget-seconds")))
                : config.name().equals("quick") ? Duration.ofSeconds(170) : Duration.ofMinutes(18);
        Bench bench = new Bench(config, appJar, out, phases, budget);
        bench.variants = variants;
        bench.variantsGiven = !repeated(args, "variant").isEmpty();
        if (options.containsKey("cds-jar") && options.containsKey("cds-archive")) {
            bench.cdsJar = Path.of(options.get("cds-jar"));
            bench.cdsArchive = Path.of(options.get("cds-archive"));
        }
        bench.describeMachine(options.getOrDefault("command", "bench/run.sh"));
        try {
            bench.run();
        } finally {
            Report.write(bench.results, report, analysis);
            log("report written to " + report + " after " + bench.elapsed().toSeconds() + " s");
        }
    }

    private void run() throws Exception {
        profiler = new Profiler(out);
        if (phases.contains("raw")) attempt("raw event-store ceiling", this::rawStore);
        App main = null;
        try {
            if (phases.contains("startup")) {
                main = startups();
            } else if (phases.contains("http") || phases.contains("lag")) {
                main = startApp("main");
            }
            if (main != null) mainPhases(main);
        } catch (Exception e) {
            fail("start-up or the phases on the main app", e, main);
        } finally {
            if (main != null) main.close();
        }
        if (phases.contains("sizes")) attempt("stored-size sensitivity", this::sizes);
        if (phases.contains("hook")) attempt("routing hook with many active sessions", this::hookAtActive);
        if (phases.contains("replay")) attempt("projection replay", this::replayLevels);
        if (phases.contains("stored")) attempt("stored sessions", this::storedLevels);
        if (phases.contains("compare")) attempt("side by side", this::compare);
    }

    // ---- 5. the ceiling ----------------------------------------------------------------------

    private void rawStore() throws Exception {
        Path dir = out.resolve("raw-store");
        deleteTree(dir);
        Duration w = config.rawWarmup();
        Duration m = config.rawMeasure();
        int reps = config.reps();
        log("raw store: Axon engine, 1 thread");
        results.raw.put(Results.AXON_1, RawStoreBench.axonAppends(dir.resolve("axon-1"), 1, w, m, reps));
        log("raw store: Axon engine, 16 threads");
        results.raw.put(Results.AXON_N, RawStoreBench.axonAppends(dir.resolve("axon-16"), 16, w, m, reps));
        log("raw store: JDBC insert, 1 thread");
        results.raw.put(Results.JDBC_1, RawStoreBench.jdbcInserts(dir.resolve("jdbc-1"), 1, w, m, reps));
        log("raw store: JDBC insert, 16 threads");
        results.raw.put(Results.JDBC_N, RawStoreBench.jdbcInserts(dir.resolve("jdbc-16"), 16, w, m, reps));
        log("raw store: the read-model store's backends, side by side");
        ReadModelStoreBench.writes(dir.resolve("read-models"), w, m, reps)
                .forEach((backend, result) -> results.raw.put(Results.readModelKey(backend), result));
        deleteTree(dir);
    }

    // ---- 1. start-up ---------------------------------------------------------------------------

    /**
     * Start-up as the README's run command does it (bin/proxyline's JVM flags), from the plain jar
     * and with the CDS archive, alternating so both see the same machine; then fresh starts with
     * the benchmark's flags, the last of which stays up as the main app.
     */
    private App startups() throws Exception {
        if (cdsJar != null) {
            List<String> launcher = List.of("-Ddisable-axoniq-console-message=true");
            List<String> withCds = new ArrayList<>(launcher);
            withCds.add("-XX:SharedArchiveFile=" + cdsArchive);
            for (int i = 0; i < config.startups(); i++) {
                results.launcherPlainSeconds.add(launcherStart("launch-plain-" + i, appJar, launcher));
                results.launcherCdsSeconds.add(launcherStart("launch-cds-" + i, cdsJar, withCds));
                log(String.format("launcher start-up %d: plain jar %.2f s, with CDS archive %.2f s", i + 1,
                        results.launcherPlainSeconds.get(i), results.launcherCdsSeconds.get(i)));
            }
        } else {
            results.launcherNote = "bin/prepare-cds did not produce an archive, so only the plain jar was measured";
        }
        for (int i = 0; i < config.startups(); i++) {
            boolean last = i == config.startups() - 1;
            App app = App.start(last ? "main" : "startup-" + i, appJar, appJvmFlags, out, config.lagRep());
            try {
                Duration up = app.awaitHealthy(Duration.ofMinutes(3));
                results.startupSeconds.add(up.toNanos() / 1e9);
                Thread.sleep(config.idleBeforeRss().toMillis());
                results.idleRss.add(app.rss());
                log("start-up " + (i + 1) + ": " + up.toMillis() + " ms to health UP, idle RSS " + app.rss() / 1024 / 1024 + " MiB");
            } catch (Exception e) {
                app.close();
                throw e;
            }
            if (last) return app;
            app.stop(Duration.ofSeconds(30));
        }
        throw new IllegalStateException("no start-ups configured");
    }

    private double launcherStart(String name, Path jar, List<String> flags) throws Exception {
        App app = App.start(name, jar, flags, out, config.lagRep());
        try {
            return app.awaitHealthy(Duration.ofMinutes(3)).toNanos() / 1e9;
        } finally {
            app.stop(Duration.ofSeconds(30));
        }
    }

    private App startApp(String name) throws Exception {
        App app = App.start(name, appJar, appJvmFlags, out, config.lagRep());
        try {
            app.awaitHealthy(Duration.ofMinutes(3));
            return app;
        } catch (Exception e) {
            app.close();
            throw e;
        }
    }

    // ---- 2–4. creates, gets, lag ---------------------------------------------------------------

    private void mainPhases(App app) throws Exception {
        ChimeSdkVoiceClient setup = Api.client(app.endpoint());
        String vc;
        try {
            vc = Api.createConnector(setup, Participants.pool(config.poolSize()));
        } catch (Exception e) {
            fail("setup (CreateVoiceConnector, CreatePhoneNumberOrder, Associate…, PutVoiceConnectorProxy)", e, app);
            return;
        } finally {
            setup.close();
        }
        Sessions sessions = new Sessions(vc, participants);
        try (Load load = new Load(clients(app, config.highClients()))) {
            attempt("app warm-up", () -> warmUp(load, sessions));
            if (phases.contains("http")) {
                int n = config.highClients();
                attempt("CreateProxySession, 1 client", () -> phase(app, load, "create-1", "CreateProxySession", 1,
                        sessions.create(), sessions, config.warmup(), config.measure(), false));
                attempt("CreateProxySession, " + n + " clients", () -> phase(app, load, "create-" + n,
                        "CreateProxySession", n, sessions.create(), sessions, config.warmup(), config.measure(), true));
                if (sessions.size() == 0) sessions.add(sessions.createOne(load.client(0)));
                attempt("waiting for the read model", () -> catchUp("before the GetProxySession phases", load, sessions));
                attempt("GetProxySession, 1 client", () -> phase(app, load, "get-1", "GetProxySession", 1,
                        sessions.get(), sessions, config.warmup(), config.measure(), false));
                attempt("GetProxySession, " + n + " clients", () -> phase(app, load, "get-" + n, "GetProxySession", n,
                        sessions.get(), sessions, config.warmup(), config.measure(), true));
            }
            if (phases.contains("lag")) attempt("projection lag", () -> lag(app, load, sessions));
            if (phases.contains("stream")) {
                attempt("event stream and webhooks", () -> {
                    results.stream = StreamBench.run(app.endpoint(), load.client(0), sessions, STREAM_RATE,
                            config.lagRep());
                    log("stream: " + results.stream.summary());
                });
            }
        }
        results.mainStoredAfter = sessions.size();
        results.mainRssAfter = app.rss();
        app.stop(Duration.ofSeconds(30));
    }

    /** JIT, connection pools and caches: creates, then gets, at the high client count; nothing recorded. */
    private void warmUp(Load load, Sessions sessions) throws InterruptedException {
        Duration half = config.appWarmup().dividedBy(2);
        log("app warm-up: " + config.appWarmup().toSeconds() + " s of creates then gets, " + config.highClients() + " clients");
        Load.Run creates = load.closed(config.highClients(), half, sessions.create());
        if (creates.ops() == 0) throw new IllegalStateException("every create failed: " + creates.errorSamples());
        catchUp("after the app warm-up's creates", load, sessions);
        load.closed(config.highClients(), half, sessions.get());
    }

    private Results.Phase phase(App app, Load load, String key, String title, int clients, Load.Op op,
                                Sessions sessions, Duration warmup, Duration measure, boolean profile) throws Exception {
        log(title + ", " + clients + " client(s): warm-up " + warmup.toSeconds() + " s");
        Load.Run warm = load.closed(clients, warmup, op);
        if (warm.ops() == 0) {
            throw new IllegalStateException("every call failed during warm-up (" + warm.errors() + " calls): "
                    + warm.errorSamples());
        }
        long storedBefore = sessions.size();
        CpuSample before = CpuSample.of(app);
        List<Load.Run> reps = new ArrayList<>();
        for (int i = 0; i < config.reps(); i++) {
            Load.Run run = load.closed(clients, measure, op);
            log(String.format("  rep %d: %.0f ops/s, p50 %.2f ms, p99 %.2f ms, errors %d", i + 1, run.throughput(),
                    run.p50Millis(), run.p99Millis(), run.errors()));
            reps.add(run);
        }
        CpuSample after = CpuSample.of(app);
        Results.Phase phase = new Results.Phase(title, clients, reps, after.appCores(before), after.appSystemCores(before), after.benchCores(before),
                after.appThreads(before), storedBefore, sessions.size());
        results.http.put(key, phase);
        if (profile) profile(app, key, title + ", " + clients + " clients", () -> load.closed(clients, config.profile(), op));
        return phase;
    }

    /** One extra, unrecorded repetition under JFR. */
    private void profile(App app, String key, String title, Task work) {
        attempt("JFR recording of " + title, () -> {
            profiler.start(app.pid());
            try {
                work.run();
            } finally {
                Path file = profiler.stop(app.pid(), out.resolve(key + ".jfr"));
                results.profiles.put(key, new Results.Profile(title, out.relativize(file).toString(),
                        Profiler.analyze(file)));
            }
        });
    }

    /** 8 paced workers offer 300/s with room; a higher rate gets more (one per 60/s), up to the client count. */
    static int lagWorkers(Config config) {
        return Math.min(config.highClients(), Math.max(8, (int) Math.ceil(config.lagRate() / 60.0)));
    }

    private void lag(App app, Load load, Sessions sessions) throws Exception {
        String meter = "/actuator/metrics/proxyline.projection.lag";
        Api.Reply probe = Api.signedGet(app.endpoint(), meter, Map.of());
        double rate = config.lagRate();
        int workers = lagWorkers(config);
        List<Load.Run> creates = new ArrayList<>();
        // Right after the start the JIT compilers take a third of a core or more: offered 1,000/s, the app
        // 30 s after its start accepted 539/s (2026-12-08 00:25). Warmed up at the rate, it accepts the rate.
        log("projection lag warm-up: " + (int) rate + " creates/s for " + config.lagRep().toSeconds() + " s, not recorded");
        load.paced(workers, rate, config.lagRep(), sessions.create());
        if (probe.status() == 200 && probe.json() != null) {
            List<String> processors = new ArrayList<>();
            for (JsonNode tag : probe.json().path("availableTags")) {
                if (tag.path("tag").asText().equals("processor")) tag.path("values").forEach(v -> processors.add(v.asText()));
            }
            Map<String, List<double[]>> perProcessor = new LinkedHashMap<>();
            CpuSample cpuBefore = CpuSample.of(app);
            for (int i = 0; i < config.reps(); i++) {
                catchUp("before projection-lag repetition " + (i + 1), load, sessions);
                Map<String, double[]> before = lagTotals(app, processors);
                log("projection lag rep " + (i + 1) + ": " + (int) rate + " creates/s for " + config.lagRep().toSeconds() + " s");
                Load.Run run = load.paced(workers, rate, config.lagRep(), sessions.create());
                creates.add(run);
                Map<String, double[]> after = lagTotals(app, processors);
                for (String p : processors) {
                    double events = after.get(p)[0] - before.get(p)[0];
                    double seconds = after.get(p)[1] - before.get(p)[1];
                    double p50 = lagPercentile(app, p, "0.5");
                    double p99 = lagPercentile(app, p, "0.99");
                    perProcessor.computeIfAbsent(p, k -> new ArrayList<>()).add(new double[] {
                            p50, p99, events, events == 0 ? Double.NaN : seconds * 1000 / events, events / run.seconds()});
                    log(String.format("  %s: p50 %.1f ms, p99 %.1f ms over %.0f events", p, p50, p99, events));
                }
            }
            CpuSample cpuAfter = CpuSample.of(app);
            results.lag = new Results.Lag(true, rate, creates, perProcessor, List.of(),
                    "GET " + meter + " → " + probe.status(), cpuAfter.appThreads(cpuBefore));
        } else {
            log("proxyline.projection.lag not available (" + probe.status() + " " + probe.text()
                    + "): measuring read-after-write instead");
            List<Load.Run> raw = new ArrayList<>();
            for (int i = 0; i < config.reps(); i++) {
                catchUp("before read-after-write repetition " + (i + 1), load, sessions);
                Recorder recorder = new Recorder(3);
                Load.Run run = load.paced(workers, rate, config.lagRep(), client -> {
                    String id = sessions.createOne(client);
                    sessions.add(id);
                    long t0 = System.nanoTime();
                    while (true) {
                        try {
                            client.getProxySession(r -> r.voiceConnectorId(sessions.voiceConnectorId()).proxySessionId(id));
                            break;
                        } catch (NotFoundException e) {
                            if (System.nanoTime() - t0 > TimeUnit.SECONDS.toNanos(10)) throw e;
                        }
                    }
                    recorder.recordValue(Math.max(1, (System.nanoTime() - t0) / 1000));
                });
                creates.add(run);
                Histogram h = recorder.getIntervalHistogram();
                raw.add(new Load.Run(h.getTotalCount(), run.errors(), run.seconds(), h, run.errorSamples()));
            }
            results.lag = new Results.Lag(false, rate, creates, Map.of(), raw,
                    "GET " + meter + " → " + probe.status() + " " + probe.text(), Map.of());
        }
    }

    /** Per processor: [events handled, seconds of lag summed] since the app started. */
    private Map<String, double[]> lagTotals(App app, List<String> processors) throws Exception {
        Map<String, double[]> out = new HashMap<>();
        for (String p : processors) {
            Api.Reply r = Api.signedGet(app.endpoint(), "/actuator/metrics/proxyline.projection.lag",
                    Map.of("tag", List.of("processor:" + p)));
            out.put(p, new double[] {statistic(r, "COUNT"), statistic(r, "TOTAL_TIME")});
        }
        return out;
    }

    /**
     * The lag timer's windowed percentile for one processor, in ms, from the Prometheus scrape: with the
     * Prometheus registry the percentiles are the summary's quantiles, not {@code .percentile} gauges of
     * {@code /actuator/metrics} (which answers 404 for those since the app exposes Prometheus).
     */
    private double lagPercentile(App app, String processor, String phi) throws Exception {
        Api.Reply r = Api.signedGet(app.endpoint(), "/actuator/prometheus", Map.of());
        if (r.status() != 200) throw new IllegalStateException("prometheus endpoint answered " + r.status());
        String series = "proxyline_projection_lag_seconds{";
        for (String line : r.text().split("\n")) {
            if (!line.startsWith(series) || !line.contains("processor=\"" + processor + "\"")
                    || !line.contains("quantile=\"" + phi + "\"")) {
                continue;
            }
            return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)) * 1000;
        }
        throw new IllegalStateException("no quantile " + phi + " of " + processor + " in the prometheus scrape");
    }

    private static double statistic(Api.Reply reply, String statistic) {
        if (reply.status() != 200 || reply.json() == null) {
            throw new IllegalStateException("metrics endpoint answered " + reply.status() + ": " + reply.text());
        }
        for (JsonNode m : reply.json().path("measurements")) {
            if (m.path("statistic").asText().equals(statistic)) return m.path("value").asDouble();
        }
        throw new IllegalStateException("no " + statistic + " in " + reply.text());
    }

    /**
     * Waits until GetProxySession finds the newest session created so far: projections handle events
     * in order, so the read model then holds every session. Measured phases start from a caught-up
     * read model; the wait is reported (it is how far the projections had fallen behind).
     */
    private void catchUp(String when, Load load, Sessions sessions) throws InterruptedException {
        if (sessions.newest() == null) return;
        long start = System.nanoTime();
        int notFound = awaitNewest(load.client(0), sessions, start + TimeUnit.MINUTES.toNanos(5));
        double seconds = (System.nanoTime() - start) / 1e9;
        results.catchUps.add(new Results.CatchUp(when, seconds, notFound, sessions.size()));
        log(String.format("  read model caught up %s after %.1f s (%d × 404 first)", when, seconds, notFound));
    }

    /**
     * Polls GetProxySession until it finds the newest session of {@code sessions} (none: returns at once);
     * the number of 404 answers first. Throws at {@code deadline} (a {@link System#nanoTime()} instant).
     */
    private static int awaitNewest(ChimeSdkVoiceClient client, Sessions sessions, long deadline)
            throws InterruptedException {
        String id = sessions.newest();
        if (id == null) return 0;
        int notFound = 0;
        while (true) {
            try {
                client.getProxySession(r -> r.voiceConnectorId(sessions.voiceConnectorId()).proxySessionId(id));
                return notFound;
            } catch (NotFoundException e) {
                notFound++;
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("session " + id + " still not found by GetProxySession after 5 min");
                }
                Thread.sleep(50);
            }
        }
    }

    // ---- 4c. the routing hook, paced, with many active sessions --------------------------------

    /**
     * A fresh app with one connector and {@code hookActive} sessions created on it through the API
     * (all active for the whole run), then routing-hook decisions paced at {@code hookRate}/s, open
     * loop: a call from a random session's first participant to its proxy number, answered Forward.
     * One unrecorded repetition warms up, then the measured ones. Most decisions are a session's
     * first, which moves it to InProgress on the connector; the rest only record the interaction.
     */
    private void hookAtActive() throws Exception {
        App app = startApp("hook");
        try {
            Sessions sessions = newConnector(app);
            int n = config.highClients();
            try (Load load = new Load(clients(app, n))) {
                log(String.format("hook phase: creating %,d sessions on one connector, %d clients", config.hookActive(), n));
                Load.Run preload = load.count(n, config.hookActive(), System.nanoTime() + TimeUnit.MINUTES.toNanos(30),
                        sessions.create());
                log(String.format("  created %,d at %.0f/s (%d errors)", preload.ops(), preload.throughput(), preload.errors()));
                if (sessions.size() < config.hookActive()) {
                    throw new IllegalStateException(String.format("only %,d of %,d sessions created: %s", sessions.size(),
                            config.hookActive(), preload.errorSamples()));
                }
                catchUp(String.format("after creating the hook phase's %,d sessions", sessions.size()), load, sessions);
                double rate = config.hookRate();
                log(String.format("hook phase: warm-up, %.0f decisions/s for %d s", rate, config.lagRep().toSeconds()));
                load.paced(n, rate, config.lagRep(), sessions.interaction());
                CpuSample before = CpuSample.of(app);
                List<Load.Run> runs = new ArrayList<>();
                for (int i = 0; i < config.reps(); i++) {
                    Load.Run run = load.paced(n, rate, config.lagRep(), sessions.interaction());
                    runs.add(run);
                    log(String.format("  rep %d: %.0f decisions/s, p50 %.2f ms, p99 %.2f ms, errors %d", i + 1,
                            run.throughput(), run.p50Millis(), run.p99Millis(), run.errors()));
                }
                CpuSample after = CpuSample.of(app);
                profile(app, "hook-at-active", String.format(java.util.Locale.ROOT, "CreateProxyInteraction paced at %.0f/s, %,d active",
                        rate, sessions.size()), () -> load.paced(n, rate, config.profile(), sessions.interaction()));
                results.hook = new Results.HookAtActive(sessions.size(), preload, rate, n, runs, after.appCores(before),
                        after.benchCores(before), after.appThreads(before));
            }
        } finally {
            app.close();
        }
    }

    // ---- 6. stored-size sensitivity ------------------------------------------------------------

    private void sizes() throws Exception {
        App app = startApp("sizes");
        try {
            Sessions sessions = newConnector(app);
            int n = config.highClients();
            double lastPreloadRate = Double.NaN;
            try (Load load = new Load(clients(app, n))) {
                for (long target : config.sizes()) {
                    long missing = target - sessions.size();
                    Duration measuring = config.sizeWarmup().plus(config.sizeMeasure().multipliedBy(2L * config.reps()))
                            .plus(config.profile()).plus(config.measure().multipliedBy(4)); // + catching up
                    long deadline = startedNanos + budget().minus(measuring).toNanos();
                    log("stored-size level " + target + ": preloading " + missing + " sessions with " + n + " clients");
                    Load.Run preload = load.count(n, Math.max(0, missing), deadline, sessions.create());
                    log(String.format("  preloaded %d at %.0f/s (%d errors), %d stored", preload.ops(), preload.throughput(),
                            preload.errors(), sessions.size()));
                    if (!app.alive()) {
                        results.levelsStoppedBecause = "the app died while preloading to " + target + "; log tail:\n"
                                + app.logTail(30);
                        break;
                    }
                    boolean reached = sessions.size() >= target;
                    if (preload.ops() == 0 && missing > 0) {
                        results.levelsStoppedBecause = preload.errors() > 0
                                ? "preloading to " + target + " failed: " + preload.errorSamples()
                                : String.format("no time left in the run's budget (%d s) to preload from %,d to %,d;"
                                        + " the last preload ran at %.0f creates/s", budget().toSeconds(), sessions.size(),
                                        target, lastPreloadRate);
                        break;
                    }
                    lastPreloadRate = preload.throughput();
                    catchUp(String.format("after preloading to %,d", sessions.size()), load, sessions);
                    load.closed(n, config.sizeWarmup(), sessions.get());
                    Results.Phase get = sizePhase(app, load, "GetProxySession", n, sessions.get(), sessions);
                    Results.Phase hook1 = sizePhase(app, load, "CreateProxyInteraction (hook)", 1,
                            sessions.interaction(), sessions);
                    Results.Phase hookN = sizePhase(app, load, "CreateProxyInteraction (hook)", n,
                            sessions.interaction(), sessions);
                    Results.Phase create = sizePhase(app, load, "CreateProxySession", n, sessions.create(), sessions);
                    String key = String.format("create-%d-at-%dk", n, sessions.size() / 1000);
                    profile(app, key, String.format("CreateProxySession, %d clients, %,d sessions stored", n, sessions.size()),
                            () -> load.closed(n, config.profile(), sessions.create()));
                    results.levels.add(new Results.Level(target, preload, get, create, hook1, hookN, app.rss(),
                            app.dataFiles()));
                    if (!reached) {
                        results.levelsStoppedBecause = String.format("preloading to %,d stopped at %,d sessions to stay "
                                + "within the run's time budget (%d s): preload ran at %.0f creates/s", target,
                                get.storedBefore(), budget().toSeconds(), preload.throughput());
                        break;
                    }
                    if (!app.alive()) {
                        results.levelsStoppedBecause = "the app died at " + target + "; log tail:\n" + app.logTail(30);
                        break;
                    }
                }
            }
        } finally {
            app.close();
        }
    }

    /** A new connector with the benchmark's pool and proxy configuration; its sessions, hooks routed at the app. */
    private Sessions newConnector(App app) {
        try (ChimeSdkVoiceClient setup = Api.client(app.endpoint())) {
            return new Sessions(Api.createConnector(setup, Participants.pool(config.poolSize())), participants)
                    .routedAt(app.endpoint());
        }
    }

    private Results.Phase sizePhase(App app, Load load, String title, int clients, Load.Op op, Sessions sessions)
            throws InterruptedException {
        long storedBefore = sessions.size();
        CpuSample before = CpuSample.of(app);
        List<Load.Run> reps = new ArrayList<>();
        for (int i = 0; i < config.reps(); i++) reps.add(load.closed(clients, config.sizeMeasure(), op));
        CpuSample after = CpuSample.of(app);
        Results.Phase p = new Results.Phase(title, clients, reps, after.appCores(before), after.appSystemCores(before), after.benchCores(before),
                after.appThreads(before), storedBefore, sessions.size());
        log(String.format("  %s: %s ops/s, p99 %s ms, errors %d", title, p.throughput().show(0), p.p99().show(2), p.errors()));
        return p;
    }

    /**
     * The run's time allowance, from the benchmark's start: preloading for the size levels stops in
     * time to measure and report within it (default run 18 min, so that with its build it ends
     * within 20; quick run 170 s; --budget-seconds overrides).
     */
    private Duration budget() {
        return budget;
    }

    // ---- 7. projection replay ------------------------------------------------------------------

    /**
     * For each level: writes a generated history of that many events into a fresh data directory
     * ({@link HistoryGenerator}), starts the app on it, waits until its first start has built every
     * read model from the history and the app is idle, then replays each projection through the
     * operator endpoint (docs/replay.md), one after the other, keeping the endpoint's final progress.
     * The expiry sweeper is held off: the history leaves sessions open that expire during the run,
     * and recording their closings would append events in the middle of the replays.
     */
    private void replayLevels() throws Exception {
        // With --variant, every level is replayed by each variant in turn, on the same generated history (the
        // generator is seeded), so that a change to the projections is measured side by side.
        List<Variant> sides = variantsGiven ? variants : List.of();
        for (Variant v : sides) {
            results.replayVariants.add(new Results.CompareVariant(v, v.jarDigest()));
            results.replaySides.put(v.name(), new ArrayList<>());
        }
        for (long level : config.replayLevels()) {
            if (sides.isEmpty()) {
                Results.ReplayLevel measured = replayLevel(level, "replay-" + level, appJar, appJvmFlags, List.of());
                if (measured != null) results.replayLevels.add(measured);
                continue;
            }
            for (Variant v : sides) {
                List<String> flags = new ArrayList<>(appJvmFlags);
                flags.addAll(v.jvmFlags());
                Results.ReplayLevel measured = replayLevel(level, "replay-" + level + "-" + v.name(), v.jar(), flags,
                        v.args());
                if (measured != null) results.replaySides.get(v.name()).add(measured);
            }
        }
        if (!sides.isEmpty()) {
            // The target rows are the last variant's: the reference comes first, the candidate last.
            results.replayLevels.addAll(results.replaySides.get(sides.get(sides.size() - 1).name()));
        }
    }

    /** One level on one app: null when it failed (logged, and kept in the report's failures). */
    private Results.ReplayLevel replayLevel(long level, String name, Path jar, List<String> jvmFlags,
                                            List<String> args) throws Exception {
        Path dataDir = App.dataDir(out, name);
        deleteTree(dataDir);
        Files.createDirectories(dataDir);
        log(String.format("replay level %,d (%s): writing the history into %s", level, jar, dataDir));
        HistoryGenerator.Summary history = HistoryGenerator.generate(dataDir, level, HistoryGenerator.SEED);
        log(String.format("  %,d events (%d connectors, %,d sessions) in %.1f s (%,.0f events/s): %s",
                history.events(), history.connectors(), history.sessions(), history.seconds(),
                history.eventsPerSecond(), history.byType()));
        List<String> appArgs = new ArrayList<>(List.of("--proxyline.expiry.sweep-interval=1h"));
        appArgs.addAll(args);
        App app = App.start(name, jar, jvmFlags, out, config.lagRep(), appArgs);
        try {
            double up = app.awaitHealthy(Duration.ofMinutes(3)).toNanos() / 1e9;
            long buildStart = System.nanoTime();
            awaitCaughtUp(app, history.events(), Duration.ofMinutes(45));
            double build = (System.nanoTime() - buildStart) / 1e9;
            log(String.format("  app healthy after %.1f s; every projection built from the history %.1f s later",
                    up, build));
            awaitIdle(app, Duration.ofMinutes(5));
            Map<String, JsonNode> replays = new LinkedHashMap<>();
            for (String projection : PROJECTIONS) {
                JsonNode progress = replay(app, projection, Duration.ofMinutes(10));
                replays.put(projection, progress);
                log("  replay of " + projection + ": " + progress);
                if (progress == null || !progress.path("state").asText().equals("Completed")) {
                    results.replayNote = "the replay of " + projection + " at " + level + " events (" + name
                            + ") did not complete: " + progress;
                    break;
                }
            }
            return new Results.ReplayLevel(level, history, up, build, replays, app.rss(), app.dataFiles());
        } catch (Exception e) {
            fail("replay level " + level + " (" + name + ")", e, app);
            return null;
        } finally {
            app.stop(Duration.ofSeconds(60));
        }
    }

    // ---- 8. stored sessions --------------------------------------------------------------------

    /**
     * For each level: a generated history in which that many sessions were created ({@link
     * HistoryGenerator#generateSessions}: spread over connectors of about 5,000 events each, most sessions ended)
     * in a fresh data directory; the app started on it builds its read models (as in the replay phase, with the
     * expiry sweeper held off) and once idle: heap after a full GC; creates in a new connector and gets of a
     * uniform sample of the stored sessions (sessions of the benchmark's account that ended expired), measured as
     * the size phase measures; heap after GC again. Then the app is stopped (SIGTERM) and started again on the
     * same data: restart is process start → the first GetProxySession of a stored session answered 200; idle
     * RSS is read once that start is idle.
     */
    private void storedLevels() throws Exception {
        int n = config.highClients();
        List<String> sweeperOff = List.of("--proxyline.expiry.sweep-interval=1h");
        for (long level : config.storedLevels()) {
            String name = "stored-" + level;
            Path dataDir = App.dataDir(out, name);
            deleteTree(dataDir);
            Files.createDirectories(dataDir);
            log(String.format("stored level %,d sessions: writing the history into %s", level, dataDir));
            HistoryGenerator.Summary history = HistoryGenerator.generateSessions(dataDir, level, HistoryGenerator.SEED);
            log(String.format("  %,d events (%d connectors, %,d sessions, %,d sampled) in %.1f s (%,.0f events/s)",
                    history.events(), history.connectors(), history.sessions(), history.readable().size(),
                    history.seconds(), history.eventsPerSecond()));
            Load.Op storedGet = storedGet(history.readable());
            double up;
            double build;
            long heapBuilt;
            long heapLoaded;
            Results.Phase create;
            Results.Phase get;
            App app = App.start(name, appJar, appJvmFlags, out, config.lagRep(), sweeperOff);
            try {
                // Health is not UP until the first start's rebuild has caught up: over millions of events, minutes.
                up = app.awaitHealthy(Duration.ofMinutes(60)).toNanos() / 1e9;
                long buildStart = System.nanoTime();
                awaitCaughtUp(app, history.events(), Duration.ofMinutes(60));
                build = (System.nanoTime() - buildStart) / 1e9;
                log(String.format("  app healthy after %.1f s; every projection built from the history %.1f s later",
                        up, build));
                awaitIdle(app, Duration.ofMinutes(5));
                heapBuilt = app.heapAfterGc();
                Sessions mine;
                try (ChimeSdkVoiceClient setup = Api.client(app.endpoint())) {
                    mine = new Sessions(Api.createConnector(setup, Participants.pool(config.poolSize())), participants);
                }
                try (Load load = new Load(clients(app, n))) {
                    // A first start: the JIT has compiled nothing of the request path yet.
                    load.closed(n, config.appWarmup(), mine.create());
                    load.closed(n, config.appWarmup(), storedGet);
                    create = sizePhase(app, load, "CreateProxySession (a new connector)", n, mine.create(), mine);
                    get = sizePhase(app, load, "GetProxySession (stored sessions)", n, storedGet, mine);
                }
                heapLoaded = app.heapAfterGc();
                log(String.format("  heap after GC: %.0f MiB built, %.0f MiB after the load", heapBuilt / 1048576.0,
                        heapLoaded / 1048576.0));
            } catch (Exception e) {
                fail("stored level " + level, e, app);
                app.stop(Duration.ofSeconds(60));
                continue;
            }
            boolean graceful = app.shutDown(Duration.ofSeconds(120));
            // The second start as the README's run command starts the app (bin/proxyline: its CDS archive when
            // there is one, the JVM's default heap), so restart time and idle RSS are what a user sees.
            List<String> launcher = new ArrayList<>(List.of("-Ddisable-axoniq-console-message=true"));
            if (cdsJar != null) launcher.add("-XX:SharedArchiveFile=" + cdsArchive);
            App again = App.start(name, name + "-restart", cdsJar != null ? cdsJar : appJar, launcher, out,
                    config.lagRep(), sweeperOff);
            try {
                double restart = awaitFirstGet(again, history.readable().get(0), Duration.ofMinutes(10));
                log(String.format("  restart (%s stop): first GetProxySession of a stored session after %.2f s",
                        graceful ? "graceful" : "forced", restart));
                awaitIdle(again, Duration.ofMinutes(5));
                Thread.sleep(config.idleBeforeRss().toMillis()); // RSS after a settled idle period, as start-up measures it
                long rssIdle = again.rss();
                long heapRestarted = again.heapAfterGc();
                results.storedLevels.add(new Results.StoredLevel(level, history, up, build, heapBuilt, heapLoaded,
                        create, get, graceful, restart, cdsJar != null, rssIdle, heapRestarted, again.dataFiles()));
            } catch (Exception e) {
                fail("stored level " + level + ", restart", e, again);
            } finally {
                again.stop(Duration.ofSeconds(60));
            }
        }
    }

    /** GetProxySession of a random session of {@code stored}; the answer must be that session. */
    private static Load.Op storedGet(List<HistoryGenerator.SessionRef> stored) {
        if (stored.isEmpty()) throw new IllegalStateException("the history holds no readable session of the account");
        return client -> {
            HistoryGenerator.SessionRef ref = stored.get(java.util.concurrent.ThreadLocalRandom.current()
                    .nextInt(stored.size()));
            String id = client.getProxySession(r -> r.voiceConnectorId(ref.voiceConnectorId())
                    .proxySessionId(ref.proxySessionId())).proxySession().proxySessionId();
            if (!ref.proxySessionId().equals(id)) {
                throw new IllegalStateException("GetProxySession " + ref.proxySessionId() + " answered session " + id);
            }
        };
    }

    /** Seconds from the app's process start until GetProxySession of {@code session} answers 200. */
    private static double awaitFirstGet(App app, HistoryGenerator.SessionRef session, Duration timeout)
            throws Exception {
        String path = "/voice-connectors/" + session.voiceConnectorId() + "/proxy-sessions/" + session.proxySessionId();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!app.alive()) throw new IllegalStateException("the app died; log tail:\n" + app.logTail(30));
            try {
                if (Api.signedGet(app.endpoint(), path, Map.of()).status() == 200) return app.uptime().toNanos() / 1e9;
            } catch (java.io.IOException e) {
                // not listening yet
            }
            Thread.sleep(20); // polling an external process until it serves
        }
        throw new IllegalStateException("GET " + path + " not answered 200 within " + timeout);
    }

    /** Waits until every projection has reached the event store's head and the head is {@code events}. */
    private static void awaitCaughtUp(App app, long events, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        JsonNode last = null;
        while (System.nanoTime() < deadline) {
            if (!app.alive()) throw new IllegalStateException("the app died; log tail:\n" + app.logTail(30));
            Api.Reply r = Api.signedGet(app.endpoint(), "/actuator/projections", Map.of());
            last = r.json();
            if (r.status() == 200 && last != null && last.path("head").asLong() == events && allCaughtUp(last)) return;
            Thread.sleep(250); // polling an external process's progress endpoint
        }
        throw new IllegalStateException("projections not caught up after " + timeout + ": " + last);
    }

    /** Every projection the endpoint lists has caught up, and those the benchmark replays are among them. */
    private static boolean allCaughtUp(JsonNode overview) {
        Set<String> listed = new java.util.HashSet<>();
        for (JsonNode p : overview.path("projections")) {
            if (!p.path("caughtUp").asBoolean()) return false;
            listed.add(p.path("name").asText());
        }
        return listed.containsAll(PROJECTIONS);
    }

    /**
     * Waits until the app uses less than a tenth of a core over a second: the processors the endpoint does not
     * show (the command side's expiry schedule) have caught up too, and start-up's JIT work has settled.
     */
    private static void awaitIdle(App app, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        long ticks = Procfs.processTicks(app.pid());
        while (System.nanoTime() < deadline) {
            Thread.sleep(1000); // a CPU-time sample needs an interval
            long now = Procfs.processTicks(app.pid());
            if ((now - ticks) / Procfs.TICKS_PER_SECOND < 0.1) return;
            ticks = now;
        }
        log("  the app did not become idle within " + timeout + "; replaying anyway");
    }

    /** Replays one projection and polls its progress until it completes, fails or {@code timeout} passes. */
    private static JsonNode replay(App app, String projection, Duration timeout) throws Exception {
        String path = "/actuator/projections/" + projection;
        Api.Reply started = Api.signedPost(app.endpoint(), path, "{\"action\":\"replay\"}");
        if (started.status() != 202) {
            throw new IllegalStateException("POST " + path + " → " + started.status() + " " + started.text());
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        JsonNode progress = null;
        while (System.nanoTime() < deadline) {
            Api.Reply r = Api.signedGet(app.endpoint(), path, Map.of());
            progress = r.json() == null ? null : r.json().path("replay");
            String state = progress == null ? "" : progress.path("state").asText();
            if (state.equals("Completed") || state.equals("Error")) break;
            Thread.sleep(200); // polling an external process's progress endpoint
        }
        return progress;
    }


    // ---- 8. side by side -----------------------------------------------------------------------

    /**
     * Each round starts every variant once, in the order given, so that all of them see the machine as
     * it is over the whole phase; the report shows the median over the rounds and, against the first
     * variant, the median of the ratios within each round.
     */
    private void compare() throws Exception {
        for (Variant v : variants) {
            results.variants.add(new Results.CompareVariant(v, v.jarDigest()));
            results.compare.put(v.name(), new ArrayList<>());
        }
        long start = System.nanoTime();
        log(String.format("side by side: %d round(s) of %s; per start %d s warm-up, then %d s of each of: %s",
                config.compareRounds(), variants.stream().map(Variant::name).toList(),
                config.compareWarmup().toSeconds(), config.compareMeasure().toSeconds(),
                String.join("; ", Results.COMPARE_OPS.values())));
        for (int round = 1; round <= config.compareRounds(); round++) {
            for (Variant v : variants) {
                results.compare.get(v.name()).add(compareRound(v, round));
            }
        }
        results.compareSeconds = (System.nanoTime() - start) / 1e9;
        log(String.format("side by side: done in %.0f s", results.compareSeconds));
        System.out.print(Report.sideBySide(results));
        System.out.flush();
    }

    /**
     * One start of one variant; a failure ends the start, not the phase.
     *
     * <ol>
     *   <li>set-up: the usual connector, one per client and one for the warm-up's creates;
     *   <li>a fixed number of sessions created in the usual connector ({@link #COMPARE_STORED}) and in each
     *       client's ({@link #COMPARE_STORED_OWN}), so that every variant measures against the same stored state
     *       however fast it creates; these creates are the first part of the warm-up;
     *   <li>the rest of the warm-up, its time split evenly: creates on the warm-up connector, gets, hooks;
     *   <li>measured, in this order: gets and hooks (they add no session), then creates on the one connector,
     *       then creates on the client's own connectors (each adds sessions only to its own connectors).
     * </ol>
     */
    private Results.CompareRound compareRound(Variant v, int round) throws Exception {
        String name = "compare-" + v.name() + "-" + round;
        List<String> flags = new ArrayList<>(appJvmFlags);
        flags.addAll(v.jvmFlags());
        Map<String, Results.Phase> ops = new LinkedHashMap<>();
        double up = Double.NaN;
        double wait = Double.NaN;
        long stored = 0;
        long rss = 0;
        String failure = null;
        int n = config.highClients();
        log(String.format("side by side, round %d/%d: %s", round, config.compareRounds(), v.spec()));
        deleteTree(App.dataDir(out, name));
        App app = null;
        try {
            app = App.start(name, v.jar(), flags, out, config.lagRep(), v.args());
            up = app.awaitHealthy(Duration.ofMinutes(3)).toNanos() / 1e9;
            log(String.format("  healthy after %.1f s", up));
            try (Load load = new Load(clients(app, n))) {
                List<Sessions> connectors = setUpConnectors(load, n);
                Sessions main = connectors.get(0).routedAt(app.endpoint());
                List<Sessions> own = connectors.subList(1, n + 1);
                Sessions spare = connectors.get(n + 1);
                List<Sessions> measuredConnectors = connectors.subList(0, n + 1);
                // Each worker creates in its own connector: worker i always calls with client i.
                Map<ChimeSdkVoiceClient, Load.Op> ownCreate = new IdentityHashMap<>();
                for (int i = 0; i < n; i++) ownCreate.put(load.client(i), own.get(i).create());
                Load.Op createOwn = client -> ownCreate.get(client).call(client);

                long preloadStart = System.nanoTime();
                long deadline = preloadStart + TimeUnit.MINUTES.toNanos(2);
                Load.Run preload = load.count(n, COMPARE_STORED, deadline, main.create());
                Load.Run preloadOwn = load.count(n, (long) COMPARE_STORED_OWN * n, deadline, createOwn);
                if (preload.ops() == 0 || preloadOwn.ops() == 0) {
                    throw new IllegalStateException("every create failed: " + preload.errorSamples()
                            + preloadOwn.errorSamples());
                }
                log(String.format("  %,d + %,d sessions created in %.1f s (%d errors)", preload.ops(), preloadOwn.ops(),
                        (System.nanoTime() - preloadStart) / 1e9, preload.errors() + preloadOwn.errors()));
                Map<String, Load.Op> warmUp = new LinkedHashMap<>();
                warmUp.put("create", spare.create());
                warmUp.put("get", main.get());
                warmUp.put("hook", main.interaction());
                Duration share = config.compareWarmup().dividedBy(warmUp.size());
                for (Map.Entry<String, Load.Op> op : warmUp.entrySet()) {
                    if (op.getKey().equals("get")) awaitRead(load, measuredConnectors);
                    Load.Run warm = load.closed(n, share, op.getValue());
                    if (warm.ops() == 0) {
                        throw new IllegalStateException("every call of " + op.getKey() + " failed during the warm-up ("
                                + warm.errors() + " calls): " + warm.errorSamples());
                    }
                }

                Map<String, Load.Op> measured = new LinkedHashMap<>();
                measured.put("get", main.get());
                measured.put("hook", main.interaction());
                measured.put("create-1vc", main.create());
                measured.put("create-16vc", createOwn);
                for (Map.Entry<String, Load.Op> op : measured.entrySet()) {
                    if (op.getKey().equals("get")) wait = awaitRead(load, measuredConnectors);
                    // The sessions in the connectors the operation works on.
                    List<Sessions> on = op.getKey().equals("create-16vc") ? own : List.of(main);
                    long storedBefore = stored(on);
                    CpuSample before = CpuSample.processes(app);
                    Load.Run run = load.closed(n, config.compareMeasure(), op.getValue());
                    CpuSample after = CpuSample.processes(app);
                    Results.Phase phase = new Results.Phase(Results.COMPARE_OPS.get(op.getKey()), n, List.of(run),
                            after.appCores(before), after.appSystemCores(before), after.benchCores(before),
                            Map.of(), storedBefore, stored(on));
                    ops.put(op.getKey(), phase);
                    log(String.format("  %-11s %,7.0f ops/s, p50 %7.2f ms, p99 %8.2f ms, errors %d, app %.2f cores%s",
                            op.getKey(), run.throughput(), run.p50Millis(), run.p99Millis(), run.errors(),
                            phase.appCores(), op.getKey().equals("get")
                                    ? String.format(" (read model caught up after %.1f s)", wait) : ""));
                }
                stored = stored(measuredConnectors);
                rss = app.rss();
            }
        } catch (Exception e) {
            failure = Api.describe(e);
            fail("side by side, round " + round + ", " + v.name(), e, app);
        } finally {
            if (app != null) app.stop(Duration.ofSeconds(30));
        }
        return new Results.CompareRound(round, up, ops, wait, stored, rss, failure);
    }

    /**
     * The compare phase's connectors, set up concurrently (one client each): first the usual one, with a pool
     * of {@link Config#poolSize()} numbers, then one per client, then one for the warm-up's creates, with
     * {@link #OWN_POOL} numbers each. Every session has two fresh participant numbers, which hold no number
     * of any pool, so every number is free for every create: one number per connector would never run out.
     * The pools are disjoint because a number is associated with one connector at a time.
     */
    private List<Sessions> setUpConnectors(Load load, int perClient) throws InterruptedException {
        Sessions[] connectors = new Sessions[perClient + 2];
        java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
        long start = System.nanoTime();
        Load.Run run = load.count(perClient, connectors.length, start + TimeUnit.MINUTES.toNanos(3), client -> {
            int i = next.getAndIncrement();
            List<String> pool = i == 0 ? Participants.pool(config.poolSize(), 0)
                    : Participants.pool(OWN_POOL, config.poolSize() + (i - 1) * OWN_POOL);
            connectors[i] = new Sessions(Api.createConnector(client, pool), participants);
        });
        if (run.errors() > 0 || run.ops() != connectors.length) {
            throw new IllegalStateException("setting up " + connectors.length + " connectors: " + run.ops() + " done, "
                    + run.errors() + " failed: " + run.errorSamples());
        }
        log(String.format("  %d connectors set up in %.1f s", connectors.length, (System.nanoTime() - start) / 1e9));
        return List.of(connectors);
    }

    /** Waits until the read model holds the newest session of every connector; the seconds it took. */
    private static double awaitRead(Load load, List<Sessions> all) throws InterruptedException {
        long start = System.nanoTime();
        long deadline = start + TimeUnit.MINUTES.toNanos(5);
        for (Sessions s : all) awaitNewest(load.client(0), s, deadline);
        return (System.nanoTime() - start) / 1e9;
    }

    private static long stored(List<Sessions> all) {
        return all.stream().mapToLong(Sessions::size).sum();
    }

    // ---- plumbing ------------------------------------------------------------------------------

    private static List<ChimeSdkVoiceClient> clients(App app, int n) {
        List<ChimeSdkVoiceClient> clients = new ArrayList<>();
        for (int i = 0; i < n; i++) clients.add(Api.client(app.endpoint()));
        return clients;
    }

    private void describeMachine(String command) throws Exception {
        results.date = ZonedDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss z"));
        results.command = command;
        results.config = config;
        results.nproc = Runtime.getRuntime().availableProcessors();
        results.cpuModel = Procfs.cpuModel();
        results.memTotal = Procfs.memTotal();
        results.javaVersion = System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version");
        results.h2Version = RawStoreBench.h2Version();
        results.appJvmFlags = appJvmFlags;
        results.benchJvmFlags = ManagementFactory.getRuntimeMXBean().getInputArguments();
        results.appArgs = App.args("<free port>", "<fresh dir under bench/out>", config.lagRep());
    }

    @FunctionalInterface
    private interface Task {
        void run() throws Exception;
    }

    /** Runs one measurement; a failure is recorded for the report and the run goes on. */
    private void attempt(String what, Task task) {
        try {
            task.run();
        } catch (Exception e) {
            fail(what, e, null);
        }
    }

    private void fail(String what, Exception e, App app) {
        StringWriter trace = new StringWriter();
        e.printStackTrace(new PrintWriter(trace));
        String message = what + " failed: " + Api.describe(e)
                + (app == null ? "" : "\napp log tail (" + app.log() + "):\n" + app.logTail(30));
        results.failures.add(message);
        log("FAILED " + message + "\n" + trace);
    }

    private Duration elapsed() {
        return Duration.ofNanos(System.nanoTime() - startedNanos);
    }

    private static void log(String line) {
        System.out.printf("[%tT] %s%n", System.currentTimeMillis(), line);
    }

    /** Every value of an option that may be given more than once ({@code --variant}), in order. */
    private static List<String> repeated(String[] args, String name) {
        List<String> values = new ArrayList<>();
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals("--" + name)) values.add(args[++i]);
        }
        return values;
    }

    private static Duration seconds(Map<String, String> options, String name, Duration otherwise) {
        return options.containsKey(name) ? Duration.ofMillis(Math.round(Double.parseDouble(options.get(name)) * 1000))
                : otherwise;
    }

    /** Options by name, the last value of each; see {@link #repeated} for those given more than once. */
    private static Map<String, String> options(String[] args) {
        Map<String, String> out = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--")) throw new IllegalArgumentException("unexpected argument " + args[i]);
            String name = args[i].substring(2);
            if (name.equals("quick")) {
                out.put(name, "true");
            } else {
                if (i + 1 >= args.length) throw new IllegalArgumentException("--" + name + " needs a value");
                out.put(name, args[++i]);
            }
        }
        return out;
    }

    private static String require(Map<String, String> options, String name) {
        String v = options.get(name);
        if (v == null) throw new IllegalArgumentException("--" + name + " is required");
        return v;
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) return;
        try (var walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    /** CPU counters of the app and of this JVM at one instant. */
    private record CpuSample(long nanos, long appTicks, long appSystemTicks, long benchTicks, Map<String, Long> threads) {
        static CpuSample of(App app) {
            return new CpuSample(System.nanoTime(), Procfs.processTicks(app.pid()), Procfs.processSystemTicks(app.pid()),
                    Procfs.processTicks(ProcessHandle.current().pid()), Procfs.threadTicks(app.pid()));
        }

        /** Without the per-thread figures, so without {@code jcmd Thread.print} (a second or so, and a safepoint). */
        static CpuSample processes(App app) {
            return new CpuSample(System.nanoTime(), Procfs.processTicks(app.pid()), Procfs.processSystemTicks(app.pid()),
                    Procfs.processTicks(ProcessHandle.current().pid()), Map.of());
        }

        double appSystemCores(CpuSample before) {
            return (appSystemTicks - before.appSystemTicks) / Procfs.TICKS_PER_SECOND / seconds(before);
        }

        double seconds(CpuSample before) {
            return (nanos - before.nanos) / 1e9;
        }

        double appCores(CpuSample before) {
            return (appTicks - before.appTicks) / Procfs.TICKS_PER_SECOND / seconds(before);
        }

        double benchCores(CpuSample before) {
            return (benchTicks - before.benchTicks) / Procfs.TICKS_PER_SECOND / seconds(before);
        }

        Map<String, Double> appThreads(CpuSample before) {
            return Procfs.groupCores(before.threads, threads, seconds(before));
        }
    }
}
