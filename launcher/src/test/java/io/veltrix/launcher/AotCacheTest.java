package io.veltrix.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How a service is started with its ahead-of-time cache. A stand-in for {@code java} (a script that
 * extracts as Spring Boot's jar mode does: the jar, renamed, into the destination) keeps these
 * independent of the JDK that runs them; the bench and the drills run the real thing.
 */
class AotCacheTest {

    @TempDir
    Path dir;

    private Path jar() throws IOException {
        Path jar = dir.resolve("target/command-service.jar");
        Files.createDirectories(jar.getParent());
        Files.writeString(jar, "the service's jar");
        return jar;
    }

    /** A "java" that records its calls and extracts by copying the jar into {@code --destination}. */
    private Path fakeJava(int exitCode) throws IOException {
        Path script = dir.resolve("java");
        Files.writeString(script, """
                #!/bin/sh
                echo "$@" >> "$(dirname "$0")/calls"
                while [ $# -gt 0 ]; do
                  case "$1" in -jar) jar=$2; shift ;; --destination) dest=$2; shift ;; esac
                  shift
                done
                mkdir -p "$dest" && cp "$jar" "$dest/$(basename "$jar")"
                exit %d
                """.formatted(exitCode));
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        return script;
    }

    private static final List<String> FLAGS = List.of("-Xmx160m", "-XX:+UseSerialGC");

    private static AotCache.Launch prepare(Path jar, String java, int release, boolean enabled) throws Exception {
        return AotCache.prepare("command", jar, java, Runtime.Version.parse(release + ".0.1+8"), FLAGS, enabled);
    }

    /** A first run of the command service's jar that trained its cache and exited. */
    private static AotCache.Launch trainedAndAdopted(Path jar, String java) throws Exception {
        AotCache.Launch launch = prepare(jar, java, 25, true);
        Files.writeString(launch.trained(), "cache");   // what the JVM writes when the service stops
        launch.adopt();
        return launch;
    }

    private long calls() throws IOException {
        Path calls = dir.resolve("calls");
        return Files.exists(calls) ? Files.readAllLines(calls).size() : 0;
    }

    @Test
    void beforeJdk25OrTurnedOffTheServiceRunsFromItsJar() throws Exception {
        Path jar = jar();
        for (AotCache.Launch launch : List.of(
                prepare(jar, fakeJava(0).toString(), 17, true),
                prepare(jar, fakeJava(0).toString(), 25, false))) {
            assertEquals(jar, launch.jar());
            assertEquals(List.of(), launch.flags());
            assertFalse(launch.training());
        }
        assertEquals(0, calls());
        assertFalse(Files.exists(jar.resolveSibling("aot")));
    }

    @Test
    void theFirstRunTrainsTheCacheAndLaterRunsUseIt() throws Exception {
        Path jar = jar();
        String java = fakeJava(0).toString();

        AotCache.Launch first = prepare(jar, java, 25, true);
        assertTrue(first.training());
        assertEquals("the service's jar", Files.readString(first.jar()), "runs the extracted jar");
        assertEquals(jar.resolveSibling("aot"), first.jar().getParent().getParent());
        assertEquals(1, first.flags().size());
        assertTrue(first.flags().get(0).startsWith("-XX:AOTCacheOutput="));
        Path trained = Path.of(first.flags().get(0).substring("-XX:AOTCacheOutput=".length()));
        assertFalse(trained.equals(first.cache()), "trains into a file of its own");

        Files.writeString(trained, "cache");   // what the JVM writes when the service stops
        first.adopt();
        assertEquals("cache", Files.readString(first.cache()));
        assertFalse(Files.exists(trained));

        AotCache.Launch second = prepare(jar, java, 25, true);
        assertFalse(second.training());
        assertEquals(List.of("-XX:AOTCache=" + first.cache()), second.flags());
        assertEquals(first.jar(), second.jar());
        assertEquals(1, calls(), "extracted once");
    }

    @Test
    void aRunKilledBeforeWritingItsCacheLeavesNothingAndTheNextTrainsAgain() throws Exception {
        Path jar = jar();
        String java = fakeJava(0).toString();
        AotCache.Launch killed = prepare(jar, java, 25, true);
        killed.adopt();   // exited without a file
        Path trainedEmpty = Path.of(prepare(jar, java, 25, true).flags().get(0)
                .substring("-XX:AOTCacheOutput=".length()));
        assertFalse(Files.exists(killed.cache()));

        Files.createFile(trainedEmpty);   // an empty file is not a cache either
        AotCache.Launch again = new AotCache.Launch(killed.jar(), List.of(), trainedEmpty, killed.cache());
        again.adopt();
        assertFalse(Files.exists(killed.cache()));
        assertFalse(Files.exists(trainedEmpty));
        assertTrue(prepare(jar, java, 25, true).training());
    }

    @Test
    void twoTrainingRunsKeepTheFirstCacheAndDropTheOther() throws Exception {
        Path jar = jar();
        String java = fakeJava(0).toString();
        AotCache.Launch a = prepare(jar, java, 25, true);
        AotCache.Launch b = prepare(jar, java, 25, true);
        Files.writeString(a.trained(), "a");
        Files.writeString(b.trained(), "b");
        a.adopt();
        b.adopt();
        assertEquals("a", Files.readString(a.cache()));
        assertFalse(Files.exists(b.trained()));
    }

    @Test
    void aNewJarGetsItsOwnExtractionAndCache() throws Exception {
        Path jar = jar();
        String java = fakeJava(0).toString();
        AotCache.Launch before = prepare(jar, java, 25, true);
        Files.writeString(jar, "a rebuilt jar");
        AotCache.Launch after = prepare(jar, java, 25, true);
        assertFalse(before.cache().equals(after.cache()));
        assertEquals("a rebuilt jar", Files.readString(after.jar()));
    }

    @Test
    void anotherJdkOrOtherFlagsTrainACacheOfTheirOwnFromTheSameExtraction() throws Exception {
        Path jar = jar();
        String java = fakeJava(0).toString();
        AotCache.Launch trained = trainedAndAdopted(jar, java);

        List<AotCache.Launch> others = List.of(
                AotCache.prepare("command", jar, java, Runtime.Version.parse("25.0.2+10"), FLAGS, true),
                AotCache.prepare("command", jar, java, Runtime.Version.parse("25.0.1+8"),
                        List.of("-Xmx160m", "-XX:+UseParallelGC"), true),
                AotCache.prepare("command", jar, dir.resolve("other-jdk/bin/java").toString(),
                        Runtime.Version.parse("25.0.1+8"), FLAGS, true));
        for (AotCache.Launch other : others) {
            assertTrue(other.training(), other.toString());
            assertFalse(other.cache().equals(trained.cache()));
            assertEquals(trained.jar(), other.jar());
        }
        assertFalse(prepare(jar, java, 25, true).training(), "the first JVM's cache is still there");
        assertEquals(1, calls(), "extracted once");
    }

    @Test
    void aCacheTheJvmRefusedIsRemovedAndThoseFlagsRunFromTheJarFromThenOnWhileOthersKeepTheirs() throws Exception {
        Path jar = jar();
        String java = fakeJava(0).toString();
        AotCache.Launch refused = trainedAndAdopted(jar, java);
        AotCache.Launch otherFlags = AotCache.prepare("command", jar, java, Runtime.Version.parse("25.0.1+8"),
                List.of("-Xmx160m", "-XX:+UseParallelGC"), true);
        Files.writeString(otherFlags.trained(), "other cache");
        otherFlags.adopt();
        AotCache.Launch starting = prepare(jar, java, 25, true);
        assertTrue(starting.usesCache());

        starting.refused();

        assertFalse(Files.exists(refused.cache()), "the refused cache is removed");
        for (int run = 0; run < 2; run++) {
            AotCache.Launch next = prepare(jar, java, 25, true);
            assertEquals(jar, next.jar(), "the service's own jar");
            assertEquals(List.of(), next.flags(), "neither a cache nor a training run");
            assertFalse(next.training() || next.usesCache());
        }
        AotCache.Launch other = AotCache.prepare("command", jar, java, Runtime.Version.parse("25.0.1+8"),
                List.of("-Xmx160m", "-XX:+UseParallelGC"), true);
        assertEquals(List.of("-XX:AOTCache=" + otherFlags.cache()), other.flags(), "other flags keep their cache");

        Files.writeString(jar, "a rebuilt jar");
        assertTrue(prepare(jar, java, 25, true).training(), "a rebuilt jar trains again with those flags");
        try (Stream<Path> left = Files.list(jar.resolveSibling("aot"))) {
            assertTrue(left.noneMatch(p -> p.getFileName().toString().endsWith(".refused")),
                    "the marker went with the earlier jar");
        }
    }

    @Test
    void aRebuiltJarRemovesTheEarlierJarsExtractionAndCachesButNotTheOtherServices() throws Exception {
        Path jar = jar();
        String java = fakeJava(0).toString();
        AotCache.Launch before = trainedAndAdopted(jar, java);
        Path queryJar = jar.resolveSibling("query-service.jar");
        Files.writeString(queryJar, "the query service's jar");
        AotCache.Launch query = AotCache.prepare("query", queryJar, java, Runtime.Version.parse("25.0.1+8"),
                FLAGS, true);

        Files.writeString(jar, "a rebuilt jar");
        AotCache.Launch after = prepare(jar, java, 25, true);

        assertFalse(Files.exists(before.cache()));
        assertFalse(Files.exists(before.jar().getParent()));
        assertTrue(Files.isRegularFile(after.jar()));
        assertTrue(Files.isRegularFile(query.jar()), "another service's extraction stays");
    }

    @Test
    void aFailedExtractionSaysHowToRunWithoutTheCacheAndLeavesNoExtractedJar() throws Exception {
        Path jar = jar();
        IOException failure = assertThrows(IOException.class,
                () -> prepare(jar, fakeJava(3).toString(), 25, true));
        assertTrue(failure.getMessage().contains("VELTRIX_AOT_CACHE=0"), failure.getMessage());
        try (Stream<Path> files = Files.list(jar.resolveSibling("aot"))) {
            assertEquals(List.of(), files.toList(), "nothing half-extracted is left to be used");
        }
    }
}
