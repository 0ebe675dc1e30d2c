package io.proxyline.bench;

import io.proxyline.store.RawStoreBench;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** Renders {@link Results} as docs/benchmarks.md. */
final class Report {
    private static final double MIB = 1024 * 1024;

    private final Results r;
    private final StringBuilder md = new StringBuilder();

    private Report(Results r) {
        this.r = r;
    }

    /** The "Side by side" section alone, as the compare phase prints it to the console. */
    static String sideBySide(Results results) {
        Report report = new Report(results);
        report.sideBySideSection();
        return report.md.toString();
    }

    static void write(Results results, Path file, Path analysis) throws IOException {
        Report report = new Report(results);
        report.render(analysis);
        if (file.getParent() != null) Files.createDirectories(file.getParent());
        Files.writeString(file, report.md.toString(), StandardCharsets.UTF_8);
    }

    private void render(Path analysis) throws IOException {
        Config c = r.config;
        line("# Benchmarks");
        line();
        line("Rewritten by `bench/run.sh` on every run (" + c.name() + " run); do not edit by hand. The \"What limits it\""
                + " section is `bench/analysis.md`, written from an observed run; everything else is this run's.");
        line();
        machine();
        targets();
        startup();
        http();
        lag();
        hook();
        stream();
        raw();
        sizes();
        replay();
        stored();
        sideBySideSection();
        catchUps();
        profiles();
        line("## What limits it");
        line();
        if (analysis != null && Files.exists(analysis)) {
            line(Files.readString(analysis, StandardCharsets.UTF_8).strip());
        } else {
            line("_No analysis file given._");
        }
        line();
        if (!r.failures.isEmpty()) {
            line("## Failures in this run");
            line();
            for (String f : r.failures) {
                line("```");
                line(f.strip());
                line("```");
                line();
            }
        }
    }

    // ---- sections ------------------------------------------------------------------------------

    private void machine() {
        Config c = r.config;
        line("## Machine and method");
        line();
        table(List.of("", ""), List.of(
                List.of("date", r.date),
                List.of("command", "`" + r.command + "`"),
                List.of("nproc", Integer.toString(r.nproc)),
                List.of("CPU", r.cpuModel),
                List.of("memory", String.format(Locale.ROOT, "%.1f GiB", r.memTotal / MIB / 1024)),
                List.of("JDK", r.javaVersion),
                List.of("H2", r.h2Version),
                List.of("app", "`java " + String.join(" ", r.appJvmFlags) + " -jar standalone/target/proxyline-standalone.jar`"),
                List.of("app arguments", "`" + String.join(" ", r.appArgs) + "`"),
                List.of("benchmark JVM", "`" + String.join(" ", r.benchJvmFlags) + "`")));
        line();
        line(String.format(Locale.ROOT, "Every phase: %d s warm-up, then %d measured repetitions of %d s; tables show the"
                        + " **median (min–max)** over the repetitions. Clients are the AWS SDK for Java v2"
                        + " `ChimeSdkVoiceClient` (Apache HTTP client, keep-alive, no retries), one per worker thread, each"
                        + " request SigV4-signed; latency is wall-clock around the SDK call (signing, loopback HTTP, the"
                        + " app). The app and the load generator share the %d cores: the CPU each used is shown."
                        + " Setup per app: one voice connector with a pool of %d US numbers, proxy on with"
                        + " `DefaultSessionExpiryMinutes` 100000; every session has two fresh participant numbers.",
                c.warmup().toSeconds(), c.reps(), c.measure().toSeconds(), r.nproc, c.poolSize()));
        line();
    }

    private void targets() {
        line("## Targets");
        line();
        List<List<String>> rows = new ArrayList<>();
        if (!r.launcherCdsSeconds.isEmpty()) {
            double cds = Spread.of(r.launcherCdsSeconds, v -> v).median();
            rows.add(List.of("start-up ≤ 6 s (`bin/proxyline`, once built)", String.format(Locale.ROOT, "%.2f s", cds),
                    verdict(cds <= 6)));
        }
        Results.Phase create = r.http.get("create-" + r.config.highClients());
        Results.Phase get = r.http.get("get-" + r.config.highClients());
        double ceiling = ceiling();
        if (create != null) {
            double t = create.throughput().median();
            rows.add(List.of("durable creates ≥ 2,000/s (" + create.clients() + " clients)", num(t) + "/s", verdict(t >= 2000)));
            if (!Double.isNaN(ceiling)) {
                rows.add(List.of("creates ≥ 50 % of the raw ceiling", pct(t / ceiling) + " of " + num(ceiling) + "/s",
                        verdict(t >= 0.5 * ceiling)));
            }
        } else {
            rows.add(List.of("durable creates ≥ 2,000/s", "not measured", "–"));
        }
        if (get != null) {
            double t = get.throughput().median();
            double p99 = get.p99().median();
            rows.add(List.of("gets ≥ 10,000/s (" + get.clients() + " clients)", num(t) + "/s", verdict(t >= 10_000)));
            rows.add(List.of("get p99 ≤ 5 ms (" + get.clients() + " clients)", ms(p99) + " ms", verdict(p99 <= 5)));
        } else {
            rows.add(List.of("gets ≥ 10,000/s with p99 ≤ 5 ms", "not measured", "–"));
        }
        if (r.lag != null && r.lag.metric()) {
            String key = sessionProcessor();
            double p99 = Spread.of(r.lag.perProcessor().get(key), v -> v[1]).median();
            rows.add(List.of("projection lag p99 ≤ 50 ms (" + key + ", " + num(r.lag.rate()) + " creates/s)",
                    ms(p99) + " ms", verdict(p99 <= 50)));
        } else if (r.lag != null) {
            double p99 = Spread.of(r.lag.readAfterWrite(), Load.Run::p99Millis).median();
            rows.add(List.of("projection lag p99 ≤ 50 ms", "metric absent; read-after-write p99 " + ms(p99) + " ms",
                    "not measured"));
        } else {
            rows.add(List.of("projection lag p99 ≤ 50 ms", "not measured", "–"));
        }
        if (r.levels.size() >= 2) {
            Results.Level low = r.levels.get(0);
            Results.Level high = r.levels.get(r.levels.size() - 1);
            String at = String.format(Locale.ROOT, "at %,d vs %,d stored", high.get().storedBefore(), low.get().storedBefore());
            boolean full = high.target() == r.config.sizes().get(r.config.sizes().size() - 1)
                    && high.get().storedBefore() >= high.target();
            String suffix = full ? "" : " (largest level reached)";
            rows.add(sizeRow("create throughput within 20 % " + at + suffix, high.create().throughput().median(),
                    low.create().throughput().median(), true, full));
            rows.add(sizeRow("get throughput within 20 % " + at + suffix, high.get().throughput().median(),
                    low.get().throughput().median(), true, full));
            rows.add(sizeRow("create p99 within 20 % " + at + suffix, high.create().p99().median(),
                    low.create().p99().median(), false, full));
            rows.add(sizeRow("get p99 within 20 % " + at + suffix, high.get().p99().median(),
                    low.get().p99().median(), false, full));
        } else {
            rows.add(List.of("figures at 1M stored within 20 % of 10k", "not measured", "–"));
        }
        if (r.hook != null) {
            double p99 = Spread.of(r.hook.runs(), Load.Run::p99Millis).median();
            double achieved = Spread.of(r.hook.runs(), Load.Run::throughput).median();
            rows.add(List.of(String.format(Locale.ROOT, "hook p99 ≤ 5 ms at %s decisions/s offered, %,d active (paced)",
                            num(r.hook.rate()), r.hook.active()),
                    String.format(Locale.ROOT, "%s ms, %s decisions/s achieved", ms(p99), num(achieved)),
                    verdict(p99 <= 5 && achieved >= 0.99 * r.hook.rate())));
        }
        for (Results.Level l : r.levels) {
            Results.Phase h = l.hookN();
            rows.add(List.of(String.format(Locale.ROOT, "hook p99 ≤ 5 ms at 1,000 decisions/s (%d clients, %,d active)",
                            h.clients(), h.storedBefore()),
                    String.format(Locale.ROOT, "%s ms at %s decisions/s", ms(h.p99().median()), num(h.throughput().median())),
                    verdict(h.p99().median() <= 5 && h.throughput().median() >= 1000)));
        }
        if (r.levels.size() >= 2) {
            Results.Level low = r.levels.get(0);
            Results.Level high = r.levels.get(r.levels.size() - 1);
            rows.add(sizeRow(String.format(Locale.ROOT, "hook cost flat: throughput at %,d vs %,d active",
                    high.hookN().storedBefore(), low.hookN().storedBefore()), high.hookN().throughput().median(),
                    low.hookN().throughput().median(), true, true));
            rows.add(sizeRow(String.format(Locale.ROOT, "hook cost flat: p99 at %,d vs %,d active",
                    high.hookN().storedBefore(), low.hookN().storedBefore()), high.hookN().p99().median(),
                    low.hookN().p99().median(), false, true));
        }
        storedTargets(rows);
        replayTargets(rows);
        table(List.of("target", "measured", "result"), rows);
        line();
    }

    /** The stored phase's rows: rates and heap at the largest level against the smallest, restart, idle RSS. */
    private void storedTargets(List<List<String>> rows) {
        if (r.storedLevels.isEmpty()) {
            rows.add(List.of("rates and heap at 1M stored sessions vs 10k, restart with 1M stored (stored phase)",
                    "not measured", "–"));
            return;
        }
        Results.StoredLevel low = r.storedLevels.get(0);
        Results.StoredLevel high = r.storedLevels.get(r.storedLevels.size() - 1);
        String at = String.format(Locale.ROOT, "at %,d vs %,d stored sessions (generated)", high.history().sessions(),
                low.history().sessions());
        if (r.storedLevels.size() >= 2) {
            rows.add(sizeRow("create rate ÷ ≥ 0.8 " + at, high.create().throughput().median(),
                    low.create().throughput().median(), true, true));
            rows.add(sizeRow("get rate ÷ ≥ 0.8 " + at, high.get().throughput().median(),
                    low.get().throughput().median(), true, true));
            // Once built, before the load: what the stored sessions cost. After the load the heap also holds the
            // sessions the load created, all active, and a faster app creates more of them in the same time.
            double heap = (double) high.heapBuilt() / low.heapBuilt();
            rows.add(List.of("heap after GC, once built, ÷ ≤ 2 " + at, String.format(Locale.ROOT,
                    "%.0f vs %.0f MiB (×%.2f)", high.heapBuilt() / MIB, low.heapBuilt() / MIB, heap),
                    verdict(heap <= 2)));
        }
        rows.add(List.of(String.format(Locale.ROOT, "restart to first served request ≤ 10 s (%,d stored sessions)",
                high.history().sessions()), String.format(Locale.ROOT, "%.2f s", high.restartSeconds()),
                verdict(high.restartSeconds() <= 10)));
        for (Results.StoredLevel l : r.storedLevels) {
            rows.add(List.of(String.format(Locale.ROOT, "idle RSS ≤ 400 MB (as `bin/proxyline` starts it, %,d stored sessions)",
                    l.history().sessions()), String.format(Locale.ROOT, "%.0f MiB",
                    l.rssIdleRestarted() / MIB), verdict(l.rssIdleRestarted() <= 400L * 1000 * 1000)));
        }
    }

    /**
     * The slowest of the main projections (those that handle most of the history) at the largest level, and the
     * lowest ratio of a main projection's rate at the largest level to its rate at the smallest.
     */
    private void replayTargets(List<List<String>> rows) {
        if (r.replayLevels.isEmpty()) {
            rows.add(List.of("replay ≥ 50,000 events/s", "not measured", "–"));
            return;
        }
        Results.ReplayLevel high = r.replayLevels.get(r.replayLevels.size() - 1);
        String slowest = null;
        double slowestRate = Double.MAX_VALUE;
        for (String name : Bench.MAIN_PROJECTIONS) {
            double rate = completedRate(high, name);
            if (Double.isNaN(rate)) {
                slowestRate = rate;
                slowest = name;
                break;
            }
            if (rate < slowestRate) {
                slowestRate = rate;
                slowest = name;
            }
        }
        if (Double.isNaN(slowestRate) || slowest == null) {
            rows.add(List.of(String.format(Locale.ROOT, "replay ≥ 50,000 events/s (%,d events)", high.target()),
                    "a replay did not complete (`" + slowest + "`)", "miss"));
        } else {
            rows.add(List.of(String.format(Locale.ROOT, "replay ≥ 50,000 events/s (slowest of %s, %,d events stored)",
                            String.join(", ", Bench.MAIN_PROJECTIONS.stream().map(n -> "`" + n + "`").toList()),
                            high.history().events()),
                    String.format(Locale.ROOT, "%,.0f events/s (`%s`)", slowestRate, slowest),
                    verdict(slowestRate >= 50_000)));
        }
        if (r.replayLevels.size() >= 2) {
            Results.ReplayLevel low = r.replayLevels.get(0);
            double lowest = Double.MAX_VALUE;
            String which = null;
            for (String name : Bench.MAIN_PROJECTIONS) {
                double ratio = completedRate(high, name) / completedRate(low, name);
                if (Double.isNaN(ratio)) {
                    lowest = Double.NaN;
                    which = name;
                    break;
                }
                if (ratio < lowest) {
                    lowest = ratio;
                    which = name;
                }
            }
            String what = String.format(Locale.ROOT, "replay rate does not fall as history grows: %,d vs %,d events"
                    + " (each main projection within 20 %%)", high.history().events(), low.history().events());
            rows.add(Double.isNaN(lowest)
                    ? List.of(what, "a replay did not complete (`" + which + "`)", "miss")
                    : List.of(what, String.format(Locale.ROOT, "lowest ×%.2f (`%s`)", lowest, which),
                            verdict(lowest >= 0.8)));
        }
    }

    /** The projection's replay rate at the level, NaN unless it completed. */
    private static double completedRate(Results.ReplayLevel level, String projection) {
        var p = level.replays().get(projection);
        if (p == null || !p.path("state").asText().equals("Completed")) return Double.NaN;
        return p.path("eventsPerSecond").asDouble();
    }

    private List<String> sizeRow(String what, double high, double low, boolean higherIsBetter, boolean full) {
        double ratio = high / low;
        boolean pass = higherIsBetter ? ratio >= 0.8 : ratio <= 1.2;
        String measured = String.format(Locale.ROOT, "%s vs %s (×%.2f)", higherIsBetter ? num(high) + "/s" : ms(high) + " ms",
                higherIsBetter ? num(low) + "/s" : ms(low) + " ms", ratio);
        return List.of(what, measured, full ? verdict(pass) : (pass ? "pass so far" : "miss"));
    }

    private void startup() {
        line("## 1. Start-up time and idle RSS");
        line();
        if (r.startupSeconds.isEmpty()) {
            line("_Not measured._");
            line();
            return;
        }
        if (!r.launcherCdsSeconds.isEmpty()) {
            line("As the README's run command (`bin/proxyline`) starts it — the full JIT, default heap —"
                    + " from the plain jar and from the jar extracted with the class-data-sharing archive that"
                    + " `bin/prepare-cds` makes once per build; the two alternate, start by start:");
            line();
            double plain = Spread.of(r.launcherPlainSeconds, v -> v).median();
            double cds = Spread.of(r.launcherCdsSeconds, v -> v).median();
            table(List.of("launch", "start → health UP, median (min–max)", "each start"), List.of(
                    List.of("plain jar", Spread.of(r.launcherPlainSeconds, v -> v).show(2) + " s", r.launcherPlainSeconds
                            .stream().map(v -> String.format(Locale.ROOT, "%.2f", v)).collect(Collectors.joining(", "))),
                    List.of("with the CDS archive (what `bin/proxyline` runs)", Spread.of(r.launcherCdsSeconds, v -> v)
                            .show(2) + " s", r.launcherCdsSeconds.stream().map(v -> String.format(Locale.ROOT, "%.2f", v))
                            .collect(Collectors.joining(", ")))));
            line();
            line(String.format(Locale.ROOT, "- with the archive / plain: ×%.2f", cds / plain));
            line();
            line("The benchmark's own launch (`-Xms2g -Xmx2g -XX:+UseG1GC`, plain jar, full JIT), whose last start stays up as the main app:");
            line();
        } else if (r.launcherNote != null) {
            line("_" + r.launcherNote + "._");
            line();
        }
        table(List.of("", "median (min–max)", "each start"), List.of(
                List.of("process start → `/actuator/health` UP", Spread.of(r.startupSeconds, v -> v).show(2) + " s",
                        r.startupSeconds.stream().map(v -> String.format(Locale.ROOT, "%.2f", v)).collect(Collectors.joining(", "))),
                List.of("VmRSS after " + r.config.idleBeforeRss().toSeconds() + " s idle",
                        Spread.of(r.idleRss, v -> v / MIB).show(0) + " MiB",
                        r.idleRss.stream().map(v -> String.format(Locale.ROOT, "%.0f", v / MIB)).collect(Collectors.joining(", ")))));
        line();
        line("Each start is a fresh JVM on an empty data directory (the H2 event store and the read-model store are"
                + " created); the time is from `ProcessBuilder.start()` to the first health answer `{\"status\":\"UP\"}`"
                + " (polled every 20 ms). `-Xms` equals `-Xmx`, so RSS includes the heap pages touched so far, not the whole heap.");
        line();
    }

    private void http() {
        line("## 2–3. CreateProxySession and GetProxySession");
        line();
        if (r.http.isEmpty()) {
            line("_Not measured._");
            line();
            return;
        }
        List<List<String>> rows = new ArrayList<>();
        for (Results.Phase p : r.http.values()) {
            rows.add(List.of(p.title(), Integer.toString(p.clients()), p.throughput().show(0), p.p50().show(2),
                    p.p99().show(2), Long.toString(p.errors()), cores(p.appCores()) + " (" + cores(p.appSystemCores()) + ")",
                    cores(p.benchCores()),
                    String.format(Locale.ROOT, "%,d → %,d", p.storedBefore(), p.storedAfter())));
        }
        table(List.of("operation", "clients", "ops/s", "p50 ms", "p99 ms", "errors", "app CPU cores (kernel)",
                "client CPU (cores)", "sessions stored"), rows);
        line();
        List<String> ratios = new ArrayList<>();
        ratio(ratios, "create", "create-1", "create-" + r.config.highClients());
        ratio(ratios, "get", "get-1", "get-" + r.config.highClients());
        Results.Phase create = r.http.get("create-" + r.config.highClients());
        double ceiling = ceiling();
        if (create != null && !Double.isNaN(ceiling)) {
            ratios.add(String.format(Locale.ROOT, "creates at %d clients / raw Axon-engine ceiling = %s (ceiling %s/s, the"
                    + " best of 1 and 16 threads)", create.clients(), pct(create.throughput().median() / ceiling), num(ceiling)));
            RawStoreBench.Result one = r.raw.get(Results.AXON_1);
            if (one != null) {
                ratios.add(String.format(Locale.ROOT, "creates at %d clients / raw Axon-engine appends from 1 thread = %s",
                        create.clients(), pct(create.throughput().median() / rawThroughput(one))));
            }
        }
        for (String s : ratios) line("- " + s);
        line();
        line("Busiest app threads during the measured repetitions (CPU in cores, from `/proc/<pid>/task/*/stat`, named"
                + " by `jcmd <pid> Thread.print`; digits in names folded to N, threads of a pool added up):");
        line();
        List<List<String>> threads = new ArrayList<>();
        for (Results.Phase p : r.http.values()) {
            threads.add(List.of(p.title() + ", " + p.clients(), topThreads(p.appThreads(), 5)));
        }
        table(List.of("phase", "threads"), threads);
        line();
        errors(r.http.values());
    }

    private void ratio(List<String> out, String what, String one, String many) {
        Results.Phase a = r.http.get(one);
        Results.Phase b = r.http.get(many);
        if (a == null || b == null) return;
        out.add(String.format(Locale.ROOT, "%s throughput %d clients / 1 client = ×%.2f", what, b.clients(),
                b.throughput().median() / a.throughput().median()));
    }

    private void lag() {
        line("## 4. Projection lag");
        line();
        Results.Lag lag = r.lag;
        if (lag == null) {
            line("_Not measured._");
            line();
            return;
        }
        String rate = num(lag.rate());
        Spread achieved = Spread.of(lag.creates(), Load.Run::throughput);
        if (lag.metric()) {
            line("The app's `proxyline.projection.lag` timer (event timestamp → the processor's commit of the read-model"
                    + " update), per processor, read at the end of each repetition: counts and totals from `/actuator/metrics`,"
                    + " percentiles from `/actuator/prometheus` (the summary's quantiles)."
                    + " The app publishes its p50/p99 over a sliding window as long as one repetition ("
                    + r.config.lagRep().toSeconds() + " s, rotated every second), so each reading covers that repetition."
                    + " Micrometer keeps these percentiles to about 1 significant digit (HdrHistogram precision 1).");
            line();
            line("Creates paced at " + rate + "/s by a scheduler (open loop, " + Bench.lagWorkers(r.config)
                    + " worker threads; one unrecorded repetition at that rate first, to warm the app up), achieved " + achieved.show(0) + "/s; create latency from its scheduled instant: p50 "
                    + Spread.of(lag.creates(), Load.Run::p50Millis).show(2) + " ms, p99 "
                    + Spread.of(lag.creates(), Load.Run::p99Millis).show(2) + " ms.");
            line();
            List<List<String>> rows = new ArrayList<>();
            lag.perProcessor().forEach((processor, reps) -> {
                if (reps.stream().allMatch(v -> v[2] == 0)) return; // handles no session events
                rows.add(List.of(processor,
                    Spread.of(reps, v -> v[0]).show(1), Spread.of(reps, v -> v[1]).show(1),
                        Spread.of(reps, v -> v[3]).show(1), Spread.of(reps, v -> v[2]).show(0),
                        Spread.of(reps, v -> v[4]).show(0)));
            });
            table(List.of("processor", "lag p50 ms", "lag p99 ms", "lag mean ms", "events per repetition",
                    "events handled per s"), rows);
            line();
            line("The mean is exact (the timer's total over its count, between the start and the end of each repetition)."
                    + " When the processors handle fewer events per second than are created, the backlog and so the lag grow"
                    + " for as long as the repetition lasts: the figures then depend on its length.");
            if (!lag.appThreads().isEmpty()) {
                line();
                line("Busiest app threads during the repetitions (cores): " + topThreads(lag.appThreads(), 6));
            }
        } else {
            line("**The app does not publish `proxyline.projection.lag`** (" + lag.note() + "). Measured instead:"
                    + " **read-after-write latency** — from a CreateProxySession response to the first GetProxySession"
                    + " that returns the session — which is not projection lag (the query side waits for its projections"
                    + " before answering), at " + rate + " creates/s (achieved " + achieved.show(0) + "/s).");
            line();
            table(List.of("", "p50 ms", "p99 ms"), List.of(List.of("create response → Get succeeds",
                    Spread.of(lag.readAfterWrite(), Load.Run::p50Millis).show(2),
                    Spread.of(lag.readAfterWrite(), Load.Run::p99Millis).show(2))));
        }
        line();
        errors(List.of(new Results.Phase("paced CreateProxySession", 8, lag.creates(), 0, 0, 0, Map.of(), 0, 0)));
    }

    private void hook() {
        line("## 4c. Routing hook, paced, with many active sessions");
        line();
        Results.HookAtActive h = r.hook;
        if (h == null) {
            line("_Not measured._");
            line();
            return;
        }
        line(String.format(Locale.ROOT, "A fresh app with one voice connector (a pool of %d US numbers) and **%,d active"
                        + " sessions** on it, created through the API by %d clients (%s creates/s), so the connector's"
                        + " aggregate holds them all. Then CreateProxyInteraction (the routing hook, HTTP Basic, JDK HttpClient"
                        + " with keep-alive) paced at %s decisions/s, open loop on %d worker threads: a call from a random"
                        + " session's first participant to its proxy number, answered Forward. Latency counts from each call's"
                        + " scheduled instant, so a stall shows as latency. One unrecorded repetition warms up; then %d"
                        + " repetitions of %d s. Most decisions are the session's first (it moves the session to InProgress"
                        + " on the connector); the rest only record the interaction.",
                r.config.poolSize(), h.active(), r.config.highClients(), num(h.preload().throughput()), num(h.rate()),
                h.workers(), h.runs().size(), r.config.lagRep().toSeconds()));
        line();
        table(List.of("offered /s", "achieved /s", "p50 ms", "p99 ms", "max ms", "errors", "app CPU cores",
                        "load generator CPU cores", "active sessions"),
                List.of(List.of(num(h.rate()), Spread.of(h.runs(), Load.Run::throughput).show(0),
                        Spread.of(h.runs(), Load.Run::p50Millis).show(2), Spread.of(h.runs(), Load.Run::p99Millis).show(2),
                        Spread.of(h.runs(), Load.Run::maxMillis).show(2),
                        Long.toString(h.runs().stream().mapToLong(Load.Run::errors).sum()), cores(h.appCores()),
                        cores(h.benchCores()), String.format(Locale.ROOT, "%,d", h.active()))));
        line();
        if (!h.appThreads().isEmpty()) {
            line("Busiest app threads during the repetitions (cores): " + topThreads(h.appThreads(), 6));
            line();
        }
        errors(List.of(new Results.Phase("paced CreateProxyInteraction", h.workers(), h.runs(), 0, 0, 0, Map.of(), 0, 0)));
    }

    private void raw() {
        line("## 5. Raw durable insert rate of the embedded event store (the ceiling)");
        line();
        if (r.raw.isEmpty()) {
            line("_Not measured._");
            line();
            return;
        }
        line("In the benchmark's JVM with no app running: Axon's `JdbcEventStorageEngine` on a fresh H2 file with"
                + " `;WRITE_DELAY=0`, wired like the app's standalone profile (its `H2EventTableFactory`, `H2Statements`"
                + " gap query, `DuplicateKeyResolver`, Jackson serializer with the app's object mapper, Hikari pool of 16,"
                + " `SpringTransactionManager`), appending one small event (random aggregate id, sequence 0, the app's"
                + " correlation metadata) per transaction; and plain JDBC single-row autocommit INSERTs into the same"
                + " kind of file, one connection per thread. " + r.config.rawWarmup().toSeconds() + " s warm-up, "
                + r.config.reps() + " × " + r.config.rawMeasure().toSeconds() + " s.");
        line();
        List<List<String>> rows = new ArrayList<>();
        r.raw.forEach((what, result) -> rows.add(List.of(what, Spread.of(result.reps(), RawStoreBench.Rep::throughput).show(0),
                Spread.of(result.reps(), x -> x.latency().getValueAtPercentile(50)).show(0),
                Spread.of(result.reps(), x -> x.latency().getValueAtPercentile(99)).show(0),
                String.format(Locale.ROOT, "%,d", result.rows()),
                String.format(Locale.ROOT, "%.0f", result.fileBytes() / MIB),
                String.format(Locale.ROOT, "%.1f", result.bytesPerRow() / 1024))));
        table(List.of("what", "ops/s", "p50 µs", "p99 µs", "rows written", "file MiB", "file KiB per row"), rows);
        line();
        RawStoreBench.Result axon = r.raw.get(Results.AXON_1);
        RawStoreBench.Result jdbc = r.raw.get(Results.JDBC_1);
        if (axon != null && jdbc != null) {
            line(String.format(Locale.ROOT, "- Axon engine / plain INSERT, 1 thread: %s",
                    pct(rawThroughput(axon) / rawThroughput(jdbc))));
        }
        RawStoreBench.Result axonN = r.raw.get(Results.AXON_N);
        if (axon != null && axonN != null) {
            line(String.format(Locale.ROOT, "- Axon engine 16 threads / 1 thread: ×%.2f", rawThroughput(axonN) / rawThroughput(axon)));
        }
        RawStoreBench.Result javaH2 = r.raw.get(Results.readModelKey("h2-java"));
        RawStoreBench.Result bsonH2 = r.raw.get(Results.readModelKey("h2"));
        RawStoreBench.Result memory = r.raw.get(Results.readModelKey("memory"));
        if (javaH2 != null && bsonH2 != null && memory != null) {
            line("- read-model store (mongo-java-server through the MongoDB driver on loopback, the session projections'"
                    + " write pattern: per session an upsert, an index upsert, a count `$set`, a history insert and a"
                    + " status `$set`; backends in turn per repetition, fresh file each): `h2` (BSON documents, the"
                    + " default) / `h2-java` (the stock H2 backend, Java serialization) "
                    + String.format(Locale.ROOT, "×%.2f; `memory` / `h2` ×%.2f",
                    rawThroughput(bsonH2) / rawThroughput(javaH2), rawThroughput(memory) / rawThroughput(bsonH2)));
        }
        line("- the rates are for a fresh file; every commit appends a new MVStore chunk (`WRITE_DELAY=0`), so the file"
                + " grows by the KiB per row shown until H2 compacts it, and later commits get slower as it grows (see §6).");
        line();
    }

    private static double rawThroughput(RawStoreBench.Result result) {
        return Spread.of(result.reps(), RawStoreBench.Rep::throughput).median();
    }

    private void replay() {
        line("## 7. Projection replay");
        line();
        if (r.replayLevels.isEmpty()) {
            line(r.replayNote == null ? "_Not measured._" : "_Not measured: " + r.replayNote + "._");
            line();
            return;
        }
        line("For each level, a history of that many events is written straight into a fresh data directory's event"
                + " store (`HistoryGenerator`: Axon's JDBC engine and the app's serializer, as the app writes them;"
                + " connectors set up with a number order, 10 numbers acquired and associated, and a proxy configuration;"
                + " on each, sessions created, 30 % updated, 85 % with 1–3 interactions, the first followed by the move to"
                + " InProgress, ending expired or deleted; 3 % of interactions match no session). The app is started on it"
                + " (its first start builds every read model from the tail: \"initial build\", all processors at once),"
                + " with the expiry sweeper held off, and once it is idle each projection is reset and replayed through"
                + " the operator endpoint `POST /actuator/projections/{name}` (docs/replay.md), one after the other, while"
                + " nothing else runs. Figures are the endpoint's own final progress report; event counts include the"
                + " events a projection has no handler for (each replay reads the whole store).");
        line();
        List<List<String>> levels = new ArrayList<>();
        for (Results.ReplayLevel l : r.replayLevels) {
            HistoryGenerator.Summary h = l.history();
            levels.add(List.of(String.format(Locale.ROOT, "%,d", h.events()), Integer.toString(h.connectors()),
                    String.format(Locale.ROOT, "%,d", h.sessions()),
                    String.format(Locale.ROOT, "%.1f s (%,.0f/s)", h.seconds(), h.eventsPerSecond()),
                    String.format(Locale.ROOT, "%.1f s", l.startSeconds()),
                    String.format(Locale.ROOT, "%.1f s", l.initialBuildSeconds()),
                    String.format(Locale.ROOT, "%.0f MiB", l.rssAfter() / MIB),
                    l.dataFiles().entrySet().stream().sorted(Map.Entry.comparingByKey())
                            .map(e -> String.format(Locale.ROOT, "%s %.0f MiB", e.getKey(), e.getValue() / MIB))
                            .collect(Collectors.joining(", "))));
        }
        table(List.of("events stored", "connectors", "sessions", "history written in", "app start", "initial build",
                "app RSS after", "data files after"), levels);
        line();
        Results.ReplayLevel low = r.replayLevels.get(0);
        Results.ReplayLevel high = r.replayLevels.get(r.replayLevels.size() - 1);
        List<String> header = new ArrayList<>(List.of("projection"));
        for (Results.ReplayLevel l : r.replayLevels) {
            String at = String.format(Locale.ROOT, "%,d", l.history().events());
            header.add("s at " + at);
            header.add("events/s at " + at);
        }
        if (r.replayLevels.size() >= 2) header.add("ratio");
        List<List<String>> rows = new ArrayList<>();
        for (String name : high.replays().keySet()) {
            List<String> row = new ArrayList<>(List.of("`" + name + "`"));
            for (Results.ReplayLevel l : r.replayLevels) {
                var p = l.replays().get(name);
                boolean done = p != null && p.path("state").asText().equals("Completed");
                row.add(p == null ? "–" : String.format(Locale.ROOT, "%.2f", p.path("elapsedSeconds").asDouble()));
                row.add(p == null ? "–" : String.format(Locale.ROOT, "%,.0f%s", p.path("eventsPerSecond").asDouble(),
                        done ? "" : " (" + p.path("state").asText() + ")"));
            }
            if (r.replayLevels.size() >= 2) {
                double ratio = completedRate(high, name) / completedRate(low, name);
                row.add(Double.isNaN(ratio) ? "–" : String.format(Locale.ROOT, "×%.2f", ratio));
            }
            rows.add(row);
        }
        table(header, rows);
        line();
        if (r.replayNote != null) {
            line("_" + r.replayNote + "._");
            line();
        }
        line("Events in each history, by type: " + high.history().byType().entrySet().stream()
                .map(e -> String.format(Locale.ROOT, "%s %,d", e.getKey(), e.getValue()))
                .collect(Collectors.joining(", ")) + String.format(Locale.ROOT, " (at %,d).", high.history().events()));
        line();
        replaySideBySide();
    }

    /**
     * With {@code --variant}: each level replayed by every variant in turn on the same seeded history; per level and
     * projection each variant's rate and its ratio to the first variant's (the tables above are the last variant's).
     */
    private void replaySideBySide() {
        if (r.replayVariants.isEmpty()) return;
        line("### Replay side by side");
        line();
        line("Each level was replayed by every variant in turn, on the same seeded history; the tables above are the"
                + " last variant's. Ratios are to the first variant, the reference.");
        line();
        List<List<String>> variantRows = new ArrayList<>();
        for (Results.CompareVariant cv : r.replayVariants) {
            Variant v = cv.variant();
            variantRows.add(List.of("`" + v.name() + "`", "`" + v.jar() + "`", "`" + cv.jarDigest() + "`",
                    v.jvmFlags().isEmpty() ? "–" : "`" + String.join(" ", v.jvmFlags()) + "`",
                    v.args().isEmpty() ? "–" : "`" + String.join(" ", v.args()) + "`"));
        }
        table(List.of("variant", "jar", "jar SHA-256 (first 12)", "extra JVM flags", "extra app arguments"),
                variantRows);
        line();
        String reference = r.replayVariants.get(0).variant().name();
        List<String> header = new ArrayList<>(List.of("events stored", "projection"));
        for (Results.CompareVariant cv : r.replayVariants) {
            String name = cv.variant().name();
            header.add("`" + name + "` events/s");
            if (!name.equals(reference)) header.add("`" + name + "` ÷ `" + reference + "`");
        }
        List<List<String>> rows = new ArrayList<>();
        for (long level : r.replaySides.values().stream().flatMap(List::stream).map(Results.ReplayLevel::target)
                .distinct().sorted().toList()) {
            Results.ReplayLevel ref = sideAt(reference, level);
            List<String> projections = new ArrayList<>(List.of(INITIAL_BUILD));
            projections.addAll(Bench.PROJECTIONS);
            for (String projection : projections) {
                List<String> row = new ArrayList<>(List.of(String.format(Locale.ROOT, "%,d", level),
                        projection.equals(INITIAL_BUILD) ? INITIAL_BUILD : "`" + projection + "`"));
                double refRate = sideRate(ref, projection);
                for (Results.CompareVariant cv : r.replayVariants) {
                    String name = cv.variant().name();
                    double rate = sideRate(sideAt(name, level), projection);
                    row.add(Double.isNaN(rate) ? "–" : String.format(Locale.ROOT, "%,.0f", rate));
                    if (!name.equals(reference)) {
                        row.add(Double.isNaN(rate / refRate) ? "–" : String.format(Locale.ROOT, "×%.2f", rate / refRate));
                    }
                }
                rows.add(row);
            }
        }
        table(header, rows);
        line();
    }

    private static final String INITIAL_BUILD = "initial build (every processor at once)";

    private Results.ReplayLevel sideAt(String variant, long level) {
        return r.replaySides.getOrDefault(variant, List.of()).stream().filter(l -> l.target() == level).findFirst()
                .orElse(null);
    }

    /** Events per second of a completed replay, or of the first start's build of every read model; NaN if none. */
    private static double sideRate(Results.ReplayLevel level, String projection) {
        if (level == null) return Double.NaN;
        if (projection.equals(INITIAL_BUILD)) return level.history().events() / level.initialBuildSeconds();
        return completedRate(level, projection);
    }

    private void stored() {
        line("## 7b. Stored sessions: generated histories, 10k to 1M");
        line();
        if (r.storedLevels.isEmpty()) {
            line("_Not measured._");
            line();
            return;
        }
        line("For each level, a history in which that many sessions were created is written straight into a fresh data"
                + " directory's event store (`HistoryGenerator`, as in the replay phase; about 4.7 events per session,"
                + " connectors of about 5,000 events each, most sessions ended, 20 open per connector). Preloading"
                + " through the API instead would take about half an hour per million at today's create rate. The app"
                + " is started on it with the expiry sweeper held off, builds every read model (\"initial build\"),"
                + " and once idle: heap after a full GC (`jcmd GC.run`, then `GC.heap_info`); "
                + r.config.highClients() + " clients create sessions in a new connector and read a uniform sample of"
                + " up to 10,000 stored sessions of their account (ended expired) with GetProxySession ("
                + r.config.sizeWarmup().toSeconds() + " s warm-up each, then " + r.config.reps() + " repetitions of "
                + r.config.sizeMeasure().toSeconds() + " s); heap after GC again. Then SIGTERM and a second start on"
                + " the same data as `bin/proxyline` starts the app (its CDS archive, the JVM's default heap):"
                + " \"restart\" is process start to the first GetProxySession of a stored session answered 200;"
                + " idle RSS after it settled. The warm-ups: " + r.config.appWarmup().toSeconds() + " s of creates,"
                + " then of gets, since the first start has compiled nothing of the request path yet.");
        line();
        List<List<String>> rows = new ArrayList<>();
        for (Results.StoredLevel l : r.storedLevels) {
            HistoryGenerator.Summary h = l.history();
            rows.add(List.of(String.format(Locale.ROOT, "%,d", h.sessions()), String.format(Locale.ROOT, "%,d", h.events()),
                    Integer.toString(h.connectors()),
                    String.format(Locale.ROOT, "%.1f s (%,.0f/s)", h.seconds(), h.eventsPerSecond()),
                    String.format(Locale.ROOT, "%.1f s + %.1f s", l.startSeconds(), l.initialBuildSeconds()),
                    String.format(Locale.ROOT, "%.0f / %.0f / %.0f MiB", l.heapBuilt() / MIB, l.heapLoaded() / MIB,
                            l.heapRestarted() / MIB),
                    l.create().throughput().show(0) + " (p99 " + l.create().p99().show(2) + " ms)",
                    l.get().throughput().show(0) + " (p99 " + l.get().p99().show(2) + " ms)",
                    String.format(Locale.ROOT, "%.2f s%s%s", l.restartSeconds(), l.restartedWithCds() ? "" : " (no CDS archive)",
                            l.gracefulStop() ? "" : " (forced stop)"),
                    String.format(Locale.ROOT, "%.0f MiB", l.rssIdleRestarted() / MIB),
                    l.dataFiles().entrySet().stream().sorted(Map.Entry.comparingByKey())
                            .map(e -> String.format(Locale.ROOT, "%s %.0f MiB", e.getKey(), e.getValue() / MIB))
                            .collect(Collectors.joining(", "))));
        }
        table(List.of("sessions stored", "events", "connectors", "history written in", "first start: health + initial build",
                "heap after GC: built / after load / restarted", "creates/s, new connector", "gets/s, stored sessions",
                "restart to first get", "idle RSS, restarted", "data files"), rows);
        line();
        errors(r.storedLevels.stream().flatMap(l -> java.util.stream.Stream.of(l.create(), l.get())).toList());
    }

    private void sizes() {
        line("## 6. Stored-size sensitivity");
        line();
        if (r.levels.isEmpty() && r.levelsStoppedBecause == null) {
            line("_Not measured._");
            line();
            return;
        }
        Config c = r.config;
        line(String.format(Locale.ROOT, "A second app (fresh data directory, same flags) with one connector: sessions are"
                        + " preloaded through the API by %d concurrent SDK clients into the **same connector** the measured"
                        + " creates go to (one aggregate holds them all: the worst case), then at each level %d s of get"
                        + " warm-up and %d × %d s of GetProxySession, then %d × %d s of CreateProxySession, %d clients. The"
                        + " measured creates add sessions, so each row shows the stored count when the phase began.",
                c.highClients(), c.sizeWarmup().toSeconds(), c.reps(), c.sizeMeasure().toSeconds(), c.reps(),
                c.sizeMeasure().toSeconds(), c.highClients()));
        line();
        List<List<String>> rows = new ArrayList<>();
        for (Results.Level l : r.levels) {
            long events = l.files().getOrDefault("events.mv.db", -1L);
            rows.add(List.of(
                    String.format(Locale.ROOT, "%,d", l.target()),
                    String.format(Locale.ROOT, "%,d / %,d", l.get().storedBefore(), l.create().storedBefore()),
                    l.get().throughput().show(0), l.get().p50().show(2), l.get().p99().show(2),
                    l.create().throughput().show(0), l.create().p50().show(2), l.create().p99().show(2),
                    String.format(Locale.ROOT, "%.0f", l.rssAfter() / MIB),
                    events < 0 ? "?" : String.format(Locale.ROOT, "%,.0f (%.0f KiB per session)", events / MIB,
                            events / 1024.0 / Math.max(1, l.create().storedAfter())),
                    String.format(Locale.ROOT, "%,.0f/s (%,d in %.0f s)", l.preload().throughput(), l.preload().ops(),
                            l.preload().seconds()),
                    Long.toString(l.get().errors() + l.create().errors() + l.preload().errors())));
        }
        table(List.of("level", "stored at get / create", "get ops/s", "get p50 ms", "get p99 ms", "create ops/s",
                "create p50 ms", "create p99 ms", "app RSS MiB", "events.mv.db MiB", "preload", "errors"), rows);
        line();
        if (r.levels.size() >= 2) {
            Results.Level low = r.levels.get(0);
            Results.Level high = r.levels.get(r.levels.size() - 1);
            line(String.format(Locale.ROOT, "- largest / smallest level: get ×%.2f throughput, ×%.2f p99; create ×%.2f"
                            + " throughput, ×%.2f p99",
                    high.get().throughput().median() / low.get().throughput().median(),
                    high.get().p99().median() / low.get().p99().median(),
                    high.create().throughput().median() / low.create().throughput().median(),
                    high.create().p99().median() / low.create().p99().median()));
        }
        for (Results.Level l : r.levels) {
            line(String.format(Locale.ROOT, "- at %,d: app threads during creates: %s", l.target(),
                    topThreads(l.create().appThreads(), 4)));
        }
        if (!r.levels.isEmpty()) {
            line();
            line("### Routing hook (CreateProxyInteraction) at each level");
            line();
            line("Each decision is a call from a random preloaded session's participant to its proxy number (so a"
                    + " `Forward`, which is recorded as an event), as a SIP server asks it: HTTP Basic with the hook"
                    + " credential, JDK HttpClient with keep-alive; measured after the gets, before the creates. All"
                    + " sessions are active (expiry 100,000 minutes) and in the one connector.");
            line();
            List<List<String>> hookRows = new ArrayList<>();
            for (Results.Level l : r.levels) {
                for (Results.Phase h : List.of(l.hook1(), l.hookN())) {
                    hookRows.add(List.of(String.format(Locale.ROOT, "%,d", h.storedBefore()),
                            Integer.toString(h.clients()), h.throughput().show(0), h.p50().show(2), h.p99().show(2),
                            Long.toString(h.errors()), cores(h.appCores()),
                            topThreads(h.appThreads(), 3)));
                }
            }
            table(List.of("active sessions", "clients", "decisions/s", "p50 ms", "p99 ms", "errors", "app CPU cores",
                    "busiest app threads"), hookRows);
            line();
        }
        if (r.levelsStoppedBecause != null) {
            line();
            line("**Stopped:** " + r.levelsStoppedBecause.replace("\n", " ").strip());
        }
        line();
        List<Results.Phase> phases = new ArrayList<>();
        for (Results.Level l : r.levels) {
            phases.add(l.get());
            phases.add(l.hook1());
            phases.add(l.hookN());
            phases.add(l.create());
        }
        errors(phases);
    }

    private void sideBySideSection() {
        line("## 8. Side by side");
        line();
        if (r.variants.isEmpty()) {
            line("_Not measured._");
            line();
            return;
        }
        Config c = r.config;
        Results.CompareVariant reference = r.variants.get(0);
        String ref = "`" + reference.variant().name() + "`";
        line(String.format(Locale.ROOT, "App variants measured in turn: each of %d round(s) starts every variant once, in"
                        + " the order below, on a fresh data directory with the benchmark's app flags and arguments (those"
                        + " of the table above, then the variant's own). Per start: one connector with a pool of %d US"
                        + " numbers, %d more (one per client) and one for the warm-up, %d numbers each (participants are"
                        + " fresh, so no create finds its pool used up); %d sessions created in the first and %d in each"
                        + " client's, so every variant measures against the same stored sessions; %d s of warm-up split"
                        + " over creates (on the warm-up connector), gets and hooks; then %d s of each operation at %d"
                        + " clients, measured once, in this order: gets (after waiting for the read model), hooks,"
                        + " creates on the one connector, creates on the clients' own connectors. Tables show the"
                        + " **median over the rounds (min–max)**; **×** is, round by round, the variant's figure divided"
                        + " by the reference's (%s) in the same round, median (min–max): a paired ratio, so drift of the"
                        + " machine between rounds cancels out. The \"stored\" column is the sessions in the connectors the"
                        + " operation works on when its run began.",
                c.compareRounds(), c.poolSize(), c.highClients(), Bench.OWN_POOL, Bench.COMPARE_STORED,
                Bench.COMPARE_STORED_OWN, c.compareWarmup().toSeconds(), c.compareMeasure().toSeconds(),
                c.highClients(), ref));
        line();
        List<List<String>> variantRows = new ArrayList<>();
        for (Results.CompareVariant cv : r.variants) {
            Variant v = cv.variant();
            List<Results.CompareRound> rounds = r.compare.getOrDefault(v.name(), List.of());
            List<Results.CompareRound> up = rounds.stream().filter(x -> !Double.isNaN(x.startSeconds())).toList();
            List<Results.CompareRound> done = rounds.stream().filter(x -> x.failure() == null).toList();
            variantRows.add(List.of("`" + v.name() + "`", "`" + v.jar() + "`", "`" + cv.jarDigest() + "`",
                    v.jvmFlags().isEmpty() ? "–" : "`" + String.join(" ", v.jvmFlags()) + "`",
                    v.args().isEmpty() ? "–" : "`" + String.join(" ", v.args()) + "`",
                    Spread.of(up, Results.CompareRound::startSeconds).show(2),
                    Spread.of(done, x -> x.rssAtEnd() / MIB).show(0),
                    done.size() + " / " + rounds.size()));
        }
        table(List.of("variant", "jar", "SHA-256", "extra JVM flags", "extra app arguments", "start → health UP s",
                "RSS at end MiB", "rounds completed"), variantRows);
        line();
        for (Map.Entry<String, String> op : Results.COMPARE_OPS.entrySet()) {
            line("### " + op.getValue());
            line();
            Map<Integer, Results.Phase> refRuns = runs(reference.variant().name(), op.getKey());
            List<List<String>> rows = new ArrayList<>();
            for (Results.CompareVariant cv : r.variants) {
                String name = cv.variant().name();
                Map<Integer, Results.Phase> runs = runs(name, op.getKey());
                List<Results.Phase> phases = new ArrayList<>(runs.values());
                boolean isRef = cv == reference;
                rows.add(List.of("`" + name + "`",
                        Spread.of(phases, p -> run(p).throughput()).show(0),
                        isRef ? "reference" : paired(runs, refRuns, x -> run(x).throughput()),
                        Spread.of(phases, p -> run(p).p50Millis()).show(2),
                        Spread.of(phases, p -> run(p).p99Millis()).show(2),
                        isRef ? "reference" : paired(runs, refRuns, x -> run(x).p99Millis()),
                        Spread.of(phases, Results.Phase::appCores).show(2),
                        Long.toString(phases.stream().mapToLong(Results.Phase::errors).sum()),
                        Spread.of(phases, p -> (double) p.storedBefore()).show(0),
                        runs.entrySet().stream().map(e -> e.getKey() + ": " + num(run(e.getValue()).throughput()))
                                .collect(Collectors.joining(", "))));
            }
            table(List.of("variant", "ops/s", "ops/s × " + ref, "p50 ms", "p99 ms", "p99 × " + ref, "app CPU cores",
                    "errors", "stored", "ops/s by round"), rows);
            line();
            for (Results.CompareVariant cv : r.variants) {
                List<String> samples = runs(cv.variant().name(), op.getKey()).values().stream()
                        .flatMap(p -> p.errorSamples().stream()).distinct().limit(3).toList();
                if (!samples.isEmpty()) {
                    line("- errors of `" + cv.variant().name() + "`: " + samples.stream()
                            .map(x -> "`" + x.replace("`", "'") + "`").collect(Collectors.joining("; ")));
                }
            }
        }
        List<String> notes = new ArrayList<>();
        r.compare.forEach((name, rounds) -> rounds.forEach(x -> {
            if (x.failure() != null) notes.add("round " + x.round() + " of `" + name + "` failed: " + x.failure());
        }));
        for (String n : notes) line("- " + n.replace("\n", " "));
        if (!Double.isNaN(r.compareSeconds)) {
            line();
            line(String.format(Locale.ROOT, "The phase took %.0f s (start-ups, set-ups and catch-up waits included).",
                    r.compareSeconds));
        }
        line();
    }

    /** The variant's measured runs of one operation: round → phase. */
    private Map<Integer, Results.Phase> runs(String variant, String op) {
        Map<Integer, Results.Phase> runs = new java.util.TreeMap<>();
        for (Results.CompareRound round : r.compare.getOrDefault(variant, List.of())) {
            Results.Phase p = round.ops().get(op);
            if (p != null && !p.reps().isEmpty()) runs.put(round.round(), p);
        }
        return runs;
    }

    private static Load.Run run(Results.Phase p) {
        return p.reps().get(0);
    }

    /** Round by round, the variant's figure over the reference's: "×0.97 (0.91–1.02)". */
    private static String paired(Map<Integer, Results.Phase> runs, Map<Integer, Results.Phase> reference,
                                 java.util.function.ToDoubleFunction<Results.Phase> figure) {
        List<Double> ratios = new ArrayList<>();
        runs.forEach((round, p) -> {
            Results.Phase q = reference.get(round);
            if (q != null) ratios.add(figure.applyAsDouble(p) / figure.applyAsDouble(q));
        });
        if (ratios.isEmpty()) return "–";
        Spread s = Spread.of(ratios, x -> x);
        return ratios.size() == 1 ? String.format(Locale.ROOT, "×%.2f", s.median())
                : String.format(Locale.ROOT, "×%.2f (%.2f–%.2f)", s.median(), s.min(), s.max());
    }

    private void catchUps() {
        if (r.catchUps.isEmpty()) return;
        line("## Read-model catch-up between phases");
        line();
        line("Before each get phase, lag repetition and size level the benchmark waits until GetProxySession finds the"
                + " newest session created so far (each call waits up to the app's read-after-write timeout, 2 s, before"
                + " answering 404). A long wait means the projections had fallen that far behind the creates; a 404"
                + " means a read issued after a write's response did not see it.");
        line();
        List<List<String>> rows = new ArrayList<>();
        for (Results.CatchUp c : r.catchUps) {
            rows.add(List.of(c.when(), String.format(Locale.ROOT, "%,d", c.stored()),
                    String.format(Locale.ROOT, "%.1f", c.seconds()), Integer.toString(c.notFound())));
        }
        table(List.of("when", "sessions stored", "wait s", "404 answers"), rows);
        line();
    }

    private void profiles() {
        if (r.profiles.isEmpty()) return;
        line("## Where the time goes (JFR)");
        line();
        line("One extra, unrecorded " + r.config.profile().toSeconds() + " s repetition of each 16-client phase (and of the"
                + " creates at each stored-size level) under"
                + " `jcmd <pid> JFR.start settings=profile` (lock waits recorded from 1 ms). Recordings are kept in"
                + " `bench/out/`. Shares are of the app's execution samples; \"library\" charges JDK frames to the"
                + " nearest non-JDK caller.");
        line();
        for (Results.Profile p : r.profiles.values()) {
            Profiler.Analysis a = p.analysis();
            line("### " + p.title() + " (" + a.samples() + " samples, `" + p.file() + "`)");
            line();
            line("- hottest methods (self): " + shares(a.selfMethods(), 5));
            line("- by library: " + shares(a.libraries(), 8));
            line("- by thread: " + shares(a.threads(), 6));
            line("- in native code, not idle (" + a.nativeSamples() + " samples): " + shares(a.nativeMethods(), 5));
            line(String.format(Locale.ROOT, "- GC pauses: %.2f s in the recording; heap used after GC: up to %s MiB;"
                            + " exceptions thrown: %,d, mostly %s", a.gcPauseSeconds(),
                    a.heapAfterGc() < 0 ? "?" : String.format(Locale.ROOT, "%.0f", a.heapAfterGc() / MIB), a.exceptions(),
                    shares(a.exceptionSites(), 3)));
            line(String.format(Locale.ROOT, "- waiting on locks ≥ 1 ms (park/monitor, idle waits excluded): %.1f thread-s"
                    + " in all; top sites: %s", a.blockedSeconds(), a.blockedAt().entrySet().stream()
                    .map(e -> String.format(Locale.ROOT, "`%s` %.1f s", e.getKey(), e.getValue()))
                    .collect(Collectors.joining("; "))));
            line();
        }
    }

    private void errors(Iterable<Results.Phase> phases) {
        for (Results.Phase p : phases) {
            if (p.errors() > 0) {
                line("- **" + p.errors() + " failed calls** in " + p.title() + ", " + p.clients() + " clients: "
                        + p.errorSamples().stream().map(s -> "`" + s.replace("`", "'") + "`").collect(Collectors.joining("; ")));
            }
        }
        line();
    }

    // ---- helpers -------------------------------------------------------------------------------

    private double ceiling() {
        double best = Double.NaN;
        for (String key : List.of(Results.AXON_1, Results.AXON_N)) {
            RawStoreBench.Result result = r.raw.get(key);
            if (result == null) continue;
            double t = rawThroughput(result);
            if (Double.isNaN(best) || t > best) best = t;
        }
        return best;
    }

    private String sessionProcessor() {
        Map<String, List<double[]>> p = r.lag.perProcessor();
        if (p.containsKey("proxy-sessions")) return "proxy-sessions";
        return p.keySet().stream().findFirst().orElse("?");
    }

    private static String topThreads(Map<String, Double> threads, int n) {
        return threads.entrySet().stream().limit(n)
                .map(e -> String.format(Locale.ROOT, "`%s` %.2f", e.getKey(), e.getValue()))
                .collect(Collectors.joining(", "));
    }

    private static String shares(Map<String, Double> shares, int n) {
        return shares.entrySet().stream().limit(n)
                .map(e -> String.format(Locale.ROOT, "`%s` %.1f %%", e.getKey(), e.getValue() * 100))
                .collect(Collectors.joining(", "));
    }

    private void stream() {
        line("## 4b. Subscribers: event stream and webhooks");
        line();
        StreamBench.Figures f = r.stream;
        if (f == null) {
            line("_Not measured._");
            line();
            return;
        }
        line(String.format(Locale.ROOT, "On the main app after the phases above: one `GET /events` stream and one webhook"
                + " subscription (receiver in the benchmark JVM), both filtered to `ProxySessionCreated` on the benchmark's"
                + " connector, while one client creates %,d sessions at %.0f/s. Latency: from the client receiving the 201"
                + " to the subscriber receiving that session's event. Then `GET /events?after=0` replays the account's whole"
                + " history (first byte to last event).", f.sessions(), f.rate()));
        line();
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("event stream (SSE)", ms(f.streamMicros().getValueAtPercentile(50) / 1000.0),
                ms(f.streamMicros().getValueAtPercentile(99) / 1000.0), ms(f.streamMicros().getMaxValue() / 1000.0),
                Long.toString(f.streamMissing())));
        rows.add(List.of("webhook delivery", f.webhookMicros().getTotalCount() == 0 ? "–"
                        : ms(f.webhookMicros().getValueAtPercentile(50) / 1000.0),
                f.webhookMicros().getTotalCount() == 0 ? "–" : ms(f.webhookMicros().getValueAtPercentile(99) / 1000.0),
                f.webhookMicros().getTotalCount() == 0 ? "–" : ms(f.webhookMicros().getMaxValue() / 1000.0),
                Long.toString(f.webhookMissing())));
        table(List.of("subscriber", "p50 ms", "p99 ms", "max ms", "not received within 30 s"), rows);
        if (f.webhookNote() != null) {
            line();
            line("Webhook not measured: " + f.webhookNote());
        }
        line();
        line(String.format(Locale.ROOT, "Catch-up: `GET /events?after=0` streamed %,d events in %.1f s = **%s events/s**"
                + " (one client, every event of the account, CloudEvents rendered and written as SSE).",
                f.catchUpEvents(), f.catchUpSeconds(),
                f.catchUpSeconds() == 0 ? "–" : num(f.catchUpEvents() / f.catchUpSeconds())));
        line();
    }

    private static String verdict(boolean pass) {
        return pass ? "**pass**" : "**miss**";
    }

    private static String num(double v) {
        return Spread.number(v, 0);
    }

    private static String ms(double v) {
        return Spread.number(v, 2);
    }

    private static String cores(double v) {
        return Spread.number(v, 2);
    }

    private static String pct(double v) {
        return String.format(Locale.ROOT, "%.0f %%", v * 100);
    }

    private void table(List<String> headers, List<List<String>> rows) {
        line("| " + String.join(" | ", headers) + " |");
        line("|" + headers.stream().map(h -> "---").collect(Collectors.joining("|")) + "|");
        for (List<String> row : rows) {
            line("| " + row.stream().map(c -> c.replace("|", "\\|").replace("\n", " ")).collect(Collectors.joining(" | ")) + " |");
        }
    }

    private void line(String s) {
        md.append(s).append('\n');
    }

    private void line() {
        md.append('\n');
    }
}
