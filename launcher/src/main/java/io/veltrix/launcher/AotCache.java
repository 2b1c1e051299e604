package io.veltrix.launcher;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A service's ahead-of-time cache (JDK 25 and later): its classes loaded and linked and its methods'
 * profiles from an earlier run, so a start takes half the time and the optimizing compiler does
 * most of its work before the first request instead of under the first load (measured: a quarter
 * of the cores right after a stampede went to compiling).
 *
 * <p>The cache only takes classes from plain jars, so the service's Spring Boot jar is extracted
 * once ({@code java -Djarmode=tools -jar … extract}) beside it, under {@code aot/}, named by the
 * jar's content. With no cache for that content yet, the run trains one: the JVM writes it when
 * the service stops ({@code -XX:AOTCacheOutput}), into a file of that run's own, which the launcher
 * renames to the cache's name once the service has exited, so a run killed half-way, or two
 * instances training at once, never leave a broken cache behind. Every later start of the same
 * jar uses it ({@code -XX:AOTCache}). On an older JDK, or with {@code VELTRIX_AOT_CACHE=0}, the
 * service runs from its jar as before.
 *
 * <p>A cache only serves the JVM build and the flags it was trained with (the JVM ignores one
 * trained under another collector, heap layout or JDK, and runs without it), so its name also
 * carries a digest of the java binary, its version and the flags: another JDK or other
 * {@code VELTRIX_JAVA_OPTS} train a cache of their own instead of starting cold from then on. A
 * rebuilt jar replaces the one it was built over, so the extraction and caches of the service's
 * earlier jars (some 75 and 95 MB each for the command service) are removed when a new one is
 * extracted.
 *
 * <p>Some flag sets train a cache the same JVM then refuses to start from: with a young generation
 * as large as {@code -Xms} (e.g. {@code -Xmn64m} beside the default {@code -Xms64m}) the cache's
 * archived heap objects find no room in the old generation, and the JVM stops at once with
 * "{@value #REFUSED}" instead of running without the cache. The launcher then calls
 * {@link Launch#refused()}: the cache is deleted and a marker keeps those flags from training
 * another, so that jar with those flags runs from the jar from then on.
 */
final class AotCache {

    /** The first JDK whose JVM trains a cache in the run itself (JEP 514) and keeps method profiles (JEP 515). */
    static final int FIRST_RELEASE = 25;
    private static final String TRAINING_SUFFIX = ".training.aot";
    private static final String REFUSED_SUFFIX = ".refused";
    /** The JVM's last line when it stops at start because it cannot use the cache it was given. */
    static final String REFUSED = "Unable to use AOT cache.";

    /** How to start one service: the jar to run, the flags to add, and what to do once it has exited. */
    record Launch(Path jar, List<String> flags, Path trained, Path cache) {

        /** The service's own jar and nothing else: no cache. */
        static Launch plain(Path jar) {
            return new Launch(jar, List.of(), null, null);
        }

        /** Whether this run writes a cache when the service stops. */
        boolean training() {
            return trained != null;
        }

        /** Whether this run starts from a cache trained before. */
        boolean usesCache() {
            return cache != null && trained == null;
        }

        /**
         * The JVM refused to start from the cache: it is removed, and the same jar with the same
         * JVM and flags neither uses nor trains one again.
         */
        void refused() throws IOException {
            Files.deleteIfExists(cache);
            Files.writeString(refusedMarker(cache), REFUSED + System.lineSeparator());
        }

        /**
         * After the service exited: a complete training file becomes the cache (unless another
         * run's got there first); anything else of this run's is removed.
         */
        synchronized void adopt() {
            if (trained == null) {
                return;
            }
            try {
                if (Files.size(trained) > 0 && !Files.exists(cache)) {
                    try {
                        Files.move(trained, cache, StandardCopyOption.ATOMIC_MOVE);
                    } catch (AtomicMoveNotSupportedException e) {
                        Files.move(trained, cache);
                    }
                }
            } catch (IOException e) {
                // no file (the run was killed) or a rename that lost: the next start trains again
            } finally {
                try {
                    Files.deleteIfExists(trained);
                    // the JVM's own intermediate file, left behind when the run was killed while writing
                    Files.deleteIfExists(trained.resolveSibling(trained.getFileName() + ".config"));
                } catch (IOException ignored) {
                    // a leftover training file only takes room; no later run reads it
                }
            }
        }
    }

    private AotCache() {
    }

    /**
     * @param name     the service ({@code command}, {@code query})
     * @param jar      its Spring Boot jar
     * @param java     the java binary the service runs on
     * @param runtime  that JVM's version
     * @param javaOpts the flags the service's JVM gets besides the cache's
     * @param enabled  {@code VELTRIX_AOT_CACHE}
     */
    static Launch prepare(String name, Path jar, String java, Runtime.Version runtime, List<String> javaOpts,
                          boolean enabled) throws IOException, InterruptedException {
        if (!enabled || runtime.feature() < FIRST_RELEASE) {
            return Launch.plain(jar);
        }
        Path dir = jar.toAbsolutePath().getParent().resolve("aot");
        String key = name + "-" + digest(Files.newInputStream(jar));
        Path extracted = dir.resolve(key);
        Path extractedJar = extracted.resolve(jar.getFileName());
        if (!Files.isRegularFile(extractedJar)) {
            extract(jar, java, dir, extracted);
            removeEarlierJars(dir, name, key);
        }
        byte[] jvm = String.join("\n", java, runtime.toString(), String.join(" ", javaOpts))
                .getBytes(StandardCharsets.UTF_8);
        Path cache = dir.resolve(key + "-" + digest(new ByteArrayInputStream(jvm)) + ".aot");
        if (Files.exists(refusedMarker(cache))) {
            return Launch.plain(jar);
        }
        if (Files.isRegularFile(cache) && Files.size(cache) > 0) {
            return new Launch(extractedJar, List.of("-XX:AOTCache=" + cache), null, cache);
        }
        Path trained = dir.resolve(key + "-" + UUID.randomUUID() + TRAINING_SUFFIX);
        return new Launch(extractedJar, List.of("-XX:AOTCacheOutput=" + trained), trained, cache);
    }

    private static Path refusedMarker(Path cache) {
        return cache.resolveSibling(cache.getFileName() + REFUSED_SUFFIX);
    }

    /** Spring Boot's own extraction, into a directory of its own first so a half-done one is never used. */
    private static void extract(Path jar, String java, Path dir, Path extracted) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        Path partial = dir.resolve(extracted.getFileName() + "-" + UUID.randomUUID() + ".partial");
        Process process = new ProcessBuilder(java, "-Djarmode=tools", "-jar", jar.toString(),
                "extract", "--destination", partial.toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        boolean done = process.waitFor(2, TimeUnit.MINUTES);
        if (!done || process.exitValue() != 0) {
            process.destroyForcibly().waitFor();
            if (Files.exists(partial)) {
                deleteTree(partial);
            }
            throw new IOException("extracting " + jar + " for its AOT cache "
                    + (done ? "failed (exit " + process.exitValue() + ")" : "took over 2 minutes")
                    + "; set VELTRIX_AOT_CACHE=0 to run it from the jar");
        }
        try {
            Files.move(partial, extracted, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            if (!Files.isDirectory(extracted)) {
                throw e;
            }
            // another launcher extracted the same jar meanwhile: theirs is as good
            deleteTree(partial);
        }
    }

    /**
     * The extractions and caches of the service's other jars: the jar at this path was rebuilt, so
     * nothing starts from them again.
     */
    private static void removeEarlierJars(Path dir, String name, String key) throws IOException {
        List<Path> earlier;
        try (var entries = Files.list(dir)) {
            earlier = entries.filter(p -> {
                String file = p.getFileName().toString();
                return file.startsWith(name + "-") && !file.startsWith(key) && !file.endsWith(".partial");
            }).toList();
        }
        for (Path p : earlier) {
            if (Files.isDirectory(p)) {
                deleteTree(p);
            } else {
                Files.deleteIfExists(p);
            }
        }
    }

    private static String digest(InputStream content) throws IOException {
        try (InputStream in = content) {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                sha.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(sha.digest(), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (var paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
