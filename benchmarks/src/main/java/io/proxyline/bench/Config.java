package io.proxyline.bench;

import java.time.Duration;
import java.util.List;

/**
 * Sizes and durations of one run. {@link #standard()} is the documented run (about 30 minutes on
 * 2 cores, 6 of them the compare phase); {@link #quick()} is a smoke test of the same phases (about 4 minutes).
 *
 * @param appWarmup unrecorded creates then gets at 16 clients after the app started (JIT, pools, caches)
 * @param warmup unrecorded load before the measured repetitions of each phase
 * @param measure one measured repetition of the create/get phases
 * @param reps measured repetitions per phase (median and spread are over these)
 * @param profile one extra, unrecorded repetition with a JFR recording (16-client phases)
 * @param highClients the "many clients" level
 * @param lagRate creates per second while measuring projection lag
 * @param lagRep one lag repetition; also the app's percentile window for the lag timer
 * @param rawWarmup / rawMeasure the in-process event-store ceiling phases
 * @param sizes stored-session levels of the size-sensitivity phase
 * @param sizeMeasure one measured repetition at each stored-session level
 * @param appHeap the app's -Xmx
 * @param replayLevels stored-event levels of the replay phase: a generated history of each size
 * @param compareRounds rounds of the compare phase: each round starts every variant once, in turn
 * @param compareWarmup unrecorded load after each start of the compare phase (after its fixed preload), split
 *                      over creates on a spare connector, gets and hooks
 * @param compareMeasure one measured run of each operation of the compare phase, per variant and round
 * @param storedLevels stored-session levels of the stored phase: a generated history with that many sessions
 * @param hookActive active sessions on one connector before the hook phase's paced decisions
 * @param hookRate routing-hook decisions per second offered in the hook phase (open loop)
 */
record Config(
        String name,
        Duration appWarmup,
        Duration warmup,
        Duration measure,
        int reps,
        Duration profile,
        int highClients,
        int lagRate,
        Duration lagRep,
        Duration rawWarmup,
        Duration rawMeasure,
        List<Long> sizes,
        Duration sizeWarmup,
        Duration sizeMeasure,
        int startups,
        Duration idleBeforeRss,
        int poolSize,
        String appHeap,
        List<Long> replayLevels,
        int compareRounds,
        Duration compareWarmup,
        Duration compareMeasure,
        List<Long> storedLevels,
        long hookActive,
        int hookRate) {

    static Config standard() {
        return new Config("default", Duration.ofSeconds(30), Duration.ofSeconds(5), Duration.ofSeconds(15), 3,
                Duration.ofSeconds(10), 16, 300, Duration.ofSeconds(20), Duration.ofSeconds(2), Duration.ofSeconds(5),
                List.of(10_000L, 100_000L, 1_000_000L), Duration.ofSeconds(2), Duration.ofSeconds(5), 3,
                Duration.ofSeconds(5), 50, "2g", List.of(10_000L, 100_000L),
                3, Duration.ofSeconds(5), Duration.ofSeconds(10), List.of(10_000L, 1_000_000L), 100_000L, 1_000);
    }

    static Config quick() {
        return new Config("quick", Duration.ofSeconds(4), Duration.ofSeconds(1), Duration.ofSeconds(2), 3,
                Duration.ofSeconds(2), 16, 300, Duration.ofSeconds(3), Duration.ofSeconds(1), Duration.ofSeconds(1),
                List.of(1_000L, 10_000L), Duration.ofSeconds(1), Duration.ofSeconds(2), 3,
                Duration.ofSeconds(2), 50, "2g", List.of(2_000L, 10_000L),
                1, Duration.ofSeconds(2), Duration.ofSeconds(3), List.of(1_000L, 10_000L), 2_000L, 200);
    }

    Config withReplayLevels(List<Long> levels) {
        return new Config(name, appWarmup, warmup, measure, reps, profile, highClients, lagRate, lagRep, rawWarmup,
                rawMeasure, sizes, sizeWarmup, sizeMeasure, startups, idleBeforeRss, poolSize, appHeap, List.copyOf(levels),
                compareRounds, compareWarmup, compareMeasure, storedLevels, hookActive, hookRate);
    }

    Config withCompare(int rounds, Duration warmup, Duration measure) {
        if (rounds < 1) throw new IllegalArgumentException("--compare-rounds must be at least 1");
        return new Config(name, appWarmup, this.warmup, this.measure, reps, profile, highClients, lagRate, lagRep,
                rawWarmup, rawMeasure, sizes, sizeWarmup, sizeMeasure, startups, idleBeforeRss, poolSize, appHeap,
                replayLevels, rounds, warmup, measure, storedLevels, hookActive, hookRate);
    }

    Config withLagRate(int rate) {
        if (rate < 1) throw new IllegalArgumentException("--lag-rate must be at least 1");
        return new Config(name, appWarmup, warmup, measure, reps, profile, highClients, rate, lagRep, rawWarmup,
                rawMeasure, sizes, sizeWarmup, sizeMeasure, startups, idleBeforeRss, poolSize, appHeap, replayLevels,
                compareRounds, compareWarmup, compareMeasure, storedLevels, hookActive, hookRate);
    }

    Config withStoredLevels(List<Long> levels) {
        return new Config(name, appWarmup, warmup, measure, reps, profile, highClients, lagRate, lagRep, rawWarmup,
                rawMeasure, sizes, sizeWarmup, sizeMeasure, startups, idleBeforeRss, poolSize, appHeap, replayLevels,
                compareRounds, compareWarmup, compareMeasure, List.copyOf(levels), hookActive, hookRate);
    }

    Config withHook(long active, int rate) {
        if (active < 1 || rate < 1) throw new IllegalArgumentException("--hook-active and --hook-rate must be at least 1");
        return new Config(name, appWarmup, warmup, measure, reps, profile, highClients, lagRate, lagRep, rawWarmup,
                rawMeasure, sizes, sizeWarmup, sizeMeasure, startups, idleBeforeRss, poolSize, appHeap, replayLevels,
                compareRounds, compareWarmup, compareMeasure, storedLevels, active, rate);
    }
}
