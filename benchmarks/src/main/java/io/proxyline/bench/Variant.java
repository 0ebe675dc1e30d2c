package io.proxyline.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One side of the compare phase: an app jar, with JVM flags added after the benchmark's own app
 * flags and app arguments added after its own app arguments.
 *
 * <p>Syntax of {@code --variant}: {@code NAME=JAR[;jvm=FLAGS][;args=ARGS]}, where FLAGS and ARGS are
 * separated by spaces and {@code jvm=} / {@code args=} may be repeated (they add up), e.g.
 * {@code 'after-tiered1=standalone/target/proxyline-standalone.jar;jvm=-XX:TieredStopAtLevel=1'} or
 * {@code 'after-timeout-off=standalone/target/proxyline-standalone.jar;args=--axon.timeout.enabled=false'}.
 * NAME is letters, digits, {@code .}, {@code _} and {@code -}; a relative JAR is relative to the
 * working directory (the repository root under {@code bench/run.sh}). A value cannot contain {@code ;}.
 *
 * @param jvmFlags extra app JVM flags, after the benchmark's ({@code -Xms2g -Xmx2g -XX:+UseG1GC ...}), so a
 *                 repeated flag such as {@code -Xmx} overrides it
 * @param args extra app arguments, after the benchmark's; do not repeat one of those (Spring would join
 *             the two values with a comma)
 */
record Variant(String name, Path jar, List<String> jvmFlags, List<String> args) {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]+");

    static Variant parse(String spec) {
        String[] parts = spec.split(";");
        int eq = parts[0].indexOf('=');
        if (eq <= 0 || eq == parts[0].length() - 1) {
            throw new IllegalArgumentException("--variant " + spec + ": expected NAME=JAR[;jvm=FLAGS][;args=ARGS]");
        }
        String name = parts[0].substring(0, eq).trim();
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("--variant " + spec + ": the name may hold only letters, digits, . _ -");
        }
        Path jar = Path.of(parts[0].substring(eq + 1).trim());
        List<String> jvm = new ArrayList<>();
        List<String> args = new ArrayList<>();
        for (int i = 1; i < parts.length; i++) {
            String part = parts[i].trim();
            if (part.isEmpty()) continue;
            if (part.startsWith("jvm=")) {
                jvm.addAll(words(part.substring(4)));
            } else if (part.startsWith("args=")) {
                args.addAll(words(part.substring(5)));
            } else {
                throw new IllegalArgumentException("--variant " + spec + ": unknown part '" + part
                        + "' (expected jvm=FLAGS or args=ARGS)");
            }
        }
        return new Variant(name, jar, List.copyOf(jvm), List.copyOf(args));
    }

    /** The given variants, checked (distinct names, jars that exist); with none, the app jar against itself. */
    static List<Variant> parseAll(List<String> specs, Path appJar) {
        List<Variant> variants = new ArrayList<>();
        if (specs.isEmpty()) {
            variants.add(new Variant("app", appJar, List.of(), List.of()));
            variants.add(new Variant("app-again", appJar, List.of(), List.of()));
        } else {
            for (String spec : specs) variants.add(parse(spec));
        }
        Set<String> names = new HashSet<>();
        for (Variant v : variants) {
            if (!names.add(v.name())) throw new IllegalArgumentException("--variant " + v.name() + " given twice");
            if (!Files.isRegularFile(v.jar())) {
                throw new IllegalArgumentException("--variant " + v.name() + ": no such jar " + v.jar().toAbsolutePath());
            }
        }
        return List.copyOf(variants);
    }

    /** What the report prints: the option as it would be given. */
    String spec() {
        StringBuilder s = new StringBuilder(name).append('=').append(jar);
        if (!jvmFlags.isEmpty()) s.append(";jvm=").append(String.join(" ", jvmFlags));
        if (!args.isEmpty()) s.append(";args=").append(String.join(" ", args));
        return s.toString();
    }

    /** The first 12 hex digits of the jar's SHA-256, so the report shows which variants ran the same build. */
    String jarDigest() {
        try (InputStream in = Files.newInputStream(jar)) {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) sha.update(buffer, 0, n);
            return HexFormat.of().formatHex(sha.digest()).substring(0, 12);
        } catch (IOException | NoSuchAlgorithmException e) {
            return "?";
        }
    }

    private static List<String> words(String s) {
        return Arrays.stream(s.trim().split("\\s+")).filter(w -> !w.isEmpty()).toList();
    }
}
