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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** What Linux tells about a process and the machine: RSS, CPU time per thread, CPU model, memory. */
final class Procfs {
    /** USER_HZ: the unit of utime/stime in /proc/&lt;pid&gt;/stat (100 on every Linux we run on). */
    static final double TICKS_PER_SECOND = 100.0;

    private Procfs() {}

    static long rss(long pid) {
        for (String line : lines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
            }
        }
        return -1;
    }

    /** utime + stime of the whole process, in ticks. */
    static long processTicks(long pid) {
        return ticks(Path.of("/proc", Long.toString(pid), "stat"));
    }

    /** stime (CPU in the kernel: syscalls such as writes, fsync, futex) of the whole process, in ticks. */
    static long processSystemTicks(long pid) {
        List<String> lines = lines(Path.of("/proc", Long.toString(pid), "stat"));
        if (lines.isEmpty()) return -1;
        String line = lines.get(0);
        return Long.parseLong(line.substring(line.lastIndexOf(')') + 2).split(" ")[12]);
    }

    /**
     * Per thread: "name (tid)" → utime + stime ticks. Names are the JVM's (from {@code jcmd
     * Thread.print}, after the ticks are read) where known, else the kernel's (15 characters).
     */
    static Map<String, Long> threadTicks(long pid) {
        Map<String, Long> ticks = new HashMap<>();
        Map<String, String> comms = new HashMap<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            tasks.forEach(task -> {
                long t = ticks(task.resolve("stat"));
                String tid = task.getFileName().toString();
                if (t >= 0) {
                    ticks.put(tid, t);
                    comms.put(tid, comm(task));
                }
            });
        } catch (IOException e) {
            // process gone
        }
        Map<String, String> javaNames = javaThreadNames(pid);
        Map<String, Long> out = new HashMap<>();
        ticks.forEach((tid, t) -> out.put(javaNames.getOrDefault(tid, comms.get(tid)) + " (" + tid + ")", t));
        return out;
    }

    /** Native thread id (decimal) → Java thread name, from {@code jcmd <pid> Thread.print}; empty if that fails. */
    static Map<String, String> javaThreadNames(long pid) {
        Map<String, String> names = new HashMap<>();
        try {
            Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                    Long.toString(pid), "Thread.print").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor();
            Matcher m = THREAD_LINE.matcher(out);
            while (m.find()) names.put(Long.toString(Long.parseLong(m.group(2), 16)), m.group(1));
        } catch (IOException | RuntimeException e) {
            // names are a nicety
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return names;
    }

    private static final Pattern THREAD_LINE = Pattern.compile("(?m)^\"(.+?)\" .*? nid=0x([0-9a-f]+)");

    /**
     * CPU used per thread group between two {@link #threadTicks} samples, in cores (1.0 = one core
     * busy the whole time). Groups are thread names with their trailing numbers removed
     * ("http-nio-38211-exec-7" and "-exec-12" are one group).
     */
    static Map<String, Double> groupCores(Map<String, Long> before, Map<String, Long> after, double seconds) {
        Map<String, Double> groups = new HashMap<>();
        after.forEach((thread, ticks) -> {
            long delta = ticks - before.getOrDefault(thread, 0L);
            if (delta <= 0) return;
            String name = thread.substring(0, thread.lastIndexOf(" ("));
            String group = name.replaceAll("\\d+", "N").replaceAll("http-nio-N-exec-N", "http-nio-exec");
            groups.merge(group, delta / TICKS_PER_SECOND / seconds, Double::sum);
        });
        Map<String, Double> sorted = new LinkedHashMap<>();
        groups.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .forEach(e -> sorted.put(e.getKey(), e.getValue()));
        return sorted;
    }

    static String cpuModel() {
        for (String line : lines(Path.of("/proc/cpuinfo"))) {
            if (line.startsWith("model name")) return line.substring(line.indexOf(':') + 1).trim();
        }
        return "unknown";
    }

    static long memTotal() {
        for (String line : lines(Path.of("/proc/meminfo"))) {
            if (line.startsWith("MemTotal:")) return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
        }
        return -1;
    }

    private static long ticks(Path stat) {
        List<String> lines = lines(stat);
        if (lines.isEmpty()) return -1;
        String line = lines.get(0);
        // Fields after the command (which may contain spaces) start after the last ')'.
        String[] f = line.substring(line.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    }

    private static String comm(Path task) {
        List<String> lines = lines(task.resolve("comm"));
        return lines.isEmpty() ? "?" : lines.get(0).trim();
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            return new ArrayList<>();
        }
    }
}
