package io.proxyline.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

/**
 * A JFR recording of the app (started and dumped with jcmd) and what it says: the hottest methods,
 * CPU samples by library and by thread, and where threads waited on locks.
 */
final class Profiler {
    /** Library families, tried in order against a frame's class name. */
    private static final Map<String, String> LIBRARIES = new LinkedHashMap<>();

    static {
        LIBRARIES.put("io.proxyline.", "Proxyline");
        LIBRARIES.put("org.axonframework.", "Axon");
        LIBRARIES.put("org.h2.", "H2 (event store)");
        LIBRARIES.put("de.bwaldvogel.", "mongo-java-server (read models)");
        LIBRARIES.put("com.mongodb.", "MongoDB driver");
        LIBRARIES.put("org.bson.", "MongoDB driver");
        LIBRARIES.put("com.fasterxml.jackson.", "Jackson");
        LIBRARIES.put("software.amazon.", "AWS SDK (SigV4 verification)");
        LIBRARIES.put("com.zaxxer.hikari.", "Hikari");
        LIBRARIES.put("org.apache.catalina.", "Tomcat");
        LIBRARIES.put("org.apache.coyote.", "Tomcat");
        LIBRARIES.put("org.apache.tomcat.", "Tomcat");
        LIBRARIES.put("org.springframework.", "Spring");
        LIBRARIES.put("io.micrometer.", "Micrometer");
        LIBRARIES.put("ch.qos.logback.", "Logback");
        LIBRARIES.put("io.netty.", "Netty (mongo-java-server)");
        LIBRARIES.put("com.google.i18n.", "libphonenumber");
    }

    /** Results of one recording; maps are ordered, largest first, values are fractions of the whole. */
    record Analysis(long samples, Map<String, Double> selfMethods, Map<String, Double> libraries,
                    Map<String, Double> threads, long nativeSamples, Map<String, Double> nativeMethods,
                    double blockedSeconds, Map<String, Double> blockedAt, double gcPauseSeconds, long exceptions,
                    Map<String, Double> exceptionSites, long heapAfterGc) {}

    private final Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
    private final Path settings;

    Profiler(Path workDir) throws IOException {
        // JDK's "profile" settings, with lock waits recorded from 1 ms instead of 10 ms, and every exception thrown.
        Path profile = Path.of(System.getProperty("java.home"), "lib", "jfr", "profile.jfc");
        String jfc = Files.readString(profile, StandardCharsets.UTF_8)
                .replace("control=\"locking-threshold\">10 ms<", "control=\"locking-threshold\">1 ms<")
                .replace("<setting name=\"enabled\" control=\"enable-exceptions\">false<",
                        "<setting name=\"enabled\" control=\"enable-exceptions\">true<");
        settings = workDir.resolve("bench-profile.jfc");
        Files.writeString(settings, jfc, StandardCharsets.UTF_8);
    }

    void start(long pid) throws IOException, InterruptedException {
        jcmd(pid, "JFR.start", "name=bench", "settings=" + settings);
    }

    Path stop(long pid, Path file) throws IOException, InterruptedException {
        jcmd(pid, "JFR.stop", "name=bench", "filename=" + file.toAbsolutePath());
        return file;
    }

    private void jcmd(long pid, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(jcmd.toString(), Long.toString(pid)));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + out);
        }
    }

    static Analysis analyze(Path recording) throws IOException {
        Map<String, Long> self = new HashMap<>();
        Map<String, Long> libraries = new HashMap<>();
        Map<String, Long> threads = new HashMap<>();
        Map<String, Double> blockedAt = new HashMap<>();
        Map<String, Long> natives = new HashMap<>();
        Map<String, Long> thrown = new HashMap<>();
        long throwCount = 0;
        long samples = 0;
        long nativeSamples = 0;
        double blocked = 0;
        double gc = 0;
        long heapAfterGc = -1;
        long firstThrowables = -1;
        long lastThrowables = -1;
        for (RecordedEvent e : RecordingFile.readAllEvents(recording)) {
            String type = e.getEventType().getName();
            RecordedStackTrace stack = e.getStackTrace();
            if (type.equals("jdk.ExecutionSample")) {
                if (stack == null || stack.getFrames().isEmpty()) continue;
                samples++;
                self.merge(method(stack.getFrames().get(0)), 1L, Long::sum);
                libraries.merge(library(stack.getFrames()), 1L, Long::sum);
                RecordedThread thread = e.getThread("sampledThread");
                threads.merge(group(thread), 1L, Long::sum);
            } else if (type.equals("jdk.NativeMethodSample")) {
                if (stack == null || stack.getFrames().isEmpty() || isIdleNative(stack.getFrames())) continue;
                nativeSamples++;
                natives.merge(method(stack.getFrames().get(0)) + " ← " + firstLibraryFrame(stack.getFrames()), 1L, Long::sum);
            } else if (type.equals("jdk.JavaExceptionThrow")) {
                throwCount++;
                String cls = e.getClass("thrownClass") == null ? "?" : e.getClass("thrownClass").getName();
                thrown.merge(cls + " ← " + (stack == null ? "?" : firstLibraryFrame(stack.getFrames())), 1L, Long::sum);
            } else if (type.equals("jdk.GCHeapSummary")) {
                if ("After GC".equals(e.getString("when"))) heapAfterGc = Math.max(heapAfterGc, e.getLong("heapUsed"));
            } else if (type.equals("jdk.GarbageCollection")) {
                gc += e.getDuration("sumOfPauses").toNanos() / 1e9;
            } else if (type.equals("jdk.ExceptionStatistics")) {
                long t = e.getLong("throwables");
                if (firstThrowables < 0) firstThrowables = t;
                lastThrowables = t;
            } else if (type.equals("jdk.ThreadPark") || type.equals("jdk.JavaMonitorEnter")) {
                double seconds = e.getDuration().toNanos() / 1e9;
                String thread = group(e.getThread());
                if (stack == null || isIdleWait(stack.getFrames())) continue;
                blocked += seconds;
                blockedAt.merge(firstLibraryFrame(stack.getFrames()) + " [" + thread + "]", seconds, Double::sum);
            }
        }
        return new Analysis(samples, top(self, samples, 8), top(libraries, samples, 10), top(threads, samples, 8),
                nativeSamples, top(natives, nativeSamples, 5), blocked, topSeconds(blockedAt, 6), gc,
                Math.max(0, lastThrowables - firstThrowables), top(thrown, throwCount, 4), heapAfterGc);
    }

    /** Waiting for work rather than for a lock: idle pool threads, timers, a processor waiting for events. */
    private static final List<String> IDLE = List.of("ThreadPoolExecutor.getTask", "TaskQueue.take", "TaskQueue.poll",
            "DelayedWorkQueue.take", "LinkedBlockingQueue.take", "LinkedBlockingQueue.poll", "SynchronousQueue",
            "EmbeddedEventStore$EventConsumer", "DefaultServerMonitor", "DefaultConnectionPool$BackgroundMaintenance",
            "HikariPool$HouseKeeper", "Thread.sleep");

    /** Threads parked in native code waiting for input: selectors, accept, socket reads of idle connections. */
    private static boolean isIdleNative(List<RecordedFrame> frames) {
        String top = method(frames.get(0));
        return top.contains("EPoll") || top.contains("accept") || top.contains("Net.poll") || top.contains("socketRead")
                || top.contains("SocketDispatcher.read") || top.contains("Object.wait") || top.contains("Thread.sleep");
    }

    private static boolean isIdleWait(List<RecordedFrame> frames) {
        for (RecordedFrame f : frames) {
            String m = method(f);
            for (String idle : IDLE) {
                if (m.contains(idle)) return true;
            }
        }
        return false;
    }

    private static String method(RecordedFrame f) {
        return f.getMethod().getType().getName() + "." + f.getMethod().getName();
    }

    /**
     * The library of the topmost non-JDK frame: JDK work is charged to whoever called it. H2 serves
     * both stores, so H2 frames under mongo-java-server count as the read-model store.
     */
    private static String library(List<RecordedFrame> frames) {
        for (RecordedFrame f : frames) {
            String cls = f.getMethod().getType().getName();
            for (Map.Entry<String, String> l : LIBRARIES.entrySet()) {
                if (cls.startsWith(l.getKey())) {
                    return l.getKey().equals("org.h2.") && underReadModels(frames) ? "H2 (read models)" : l.getValue();
                }
            }
        }
        return "JDK only";
    }

    private static boolean underReadModels(List<RecordedFrame> frames) {
        for (RecordedFrame f : frames) {
            if (f.getMethod().getType().getName().startsWith("de.bwaldvogel.")) return true;
        }
        return false;
    }

    private static String firstLibraryFrame(List<RecordedFrame> frames) {
        for (RecordedFrame f : frames) {
            String cls = f.getMethod().getType().getName();
            if (!cls.startsWith("java.") && !cls.startsWith("jdk.") && !cls.startsWith("sun.")) return method(f);
        }
        return frames.isEmpty() ? "?" : method(frames.get(0));
    }

    private static String group(RecordedThread t) {
        if (t == null) return "?";
        String name = t.getJavaName() != null ? t.getJavaName() : t.getOSName();
        return name == null ? "?" : name.replaceAll("\\d+", "N");
    }

    private static Map<String, Double> top(Map<String, Long> counts, long total, int n) {
        Map<String, Double> out = new LinkedHashMap<>();
        counts.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(n)
                .forEach(e -> out.put(e.getKey(), total == 0 ? 0 : e.getValue() / (double) total));
        return out;
    }

    private static Map<String, Double> topSeconds(Map<String, Double> seconds, int n) {
        Map<String, Double> out = new LinkedHashMap<>();
        seconds.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed()).limit(n)
                .forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }
}
