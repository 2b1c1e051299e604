package io.veltrix.launcher;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServiceProcessTest {

    private static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();

    @TempDir
    Path dir;

    private final ByteArrayOutputStream captured = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(captured, true, StandardCharsets.UTF_8);

    @Test
    void childThatDiesDuringStartupFailsFastAndShowsWhy() throws Exception {
        Path file = dir.resolve("logs/probe.log");
        ServiceLog log = ServiceLog.open("probe", file, false, out, "java NoSuchMain");
        ServiceProcess child = ServiceProcess.start("probe",
                List.of(JAVA, "-cp", "/nonexistent", "NoSuchMain"), Map.of(), Set.of(), log);

        long started = System.nanoTime();
        ServiceProcess.StartupException e = assertThrows(ServiceProcess.StartupException.class,
                () -> child.awaitHealthy(URI.create("http://localhost:1/actuator/health"), Duration.ofSeconds(60)));

        assertTrue(e.getMessage().contains("probe exited with code 1"), e.getMessage());
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        assertTrue(System.nanoTime() - started < TimeUnit.SECONDS.toNanos(30), "did not wait for the timeout");
        child.onExit().get(5, TimeUnit.SECONDS);
        String console = captured.toString(StandardCharsets.UTF_8);
        // not a log record, so hidden while it ran; shown among the last lines once the child died
        assertTrue(console.contains("Last ") && console.contains("[probe] Error: Could not find or load main class"),
                console);
        assertTrue(Files.readString(file).contains("Error: Could not find or load main class"));
    }

    @Test
    void theLastLinesOfAChildThatDiedDuringStartupSayWhetherItsJvmRefusedItsCache() throws Exception {
        ServiceLog refusedLog = ServiceLog.open("refused", dir.resolve("refused.log"), false, out, "sh");
        ServiceProcess refused = ServiceProcess.start("refused", List.of("sh", "-c",
                "echo 'Error occurred during initialization of VM'; echo '" + AotCache.REFUSED + "'; exit 1"),
                Map.of(), Set.of(), refusedLog);
        ServiceLog otherLog = ServiceLog.open("other", dir.resolve("other.log"), false, out, "sh");
        ServiceProcess other = ServiceProcess.start("other", List.of("sh", "-c",
                "echo 'the database refused the connection'; exit 1"), Map.of(), Set.of(), otherLog);

        for (ServiceProcess child : List.of(refused, other)) {
            assertThrows(ServiceProcess.StartupException.class,
                    () -> child.awaitHealthy(URI.create("http://localhost:1/actuator/health"), Duration.ofSeconds(60)));
        }

        assertTrue(refusedLog.lastLinesHold(AotCache.REFUSED));
        assertFalse(otherLog.lastLinesHold(AotCache.REFUSED));
    }

    @Test
    void aRunningChildsInfoStaysInItsLogFile() throws Exception {
        Path file = dir.resolve("chatty.log");
        ServiceLog log = ServiceLog.open("chatty", file, false, out, "java -version");
        // java -version writes its lines (none a log record) and exits 0
        ServiceProcess child = ServiceProcess.start("chatty", List.of(JAVA, "-version"), Map.of(), Set.of(), log);

        child.onExit().get(30, TimeUnit.SECONDS);

        assertFalse(captured.toString(StandardCharsets.UTF_8).contains("[chatty]"), captured.toString(StandardCharsets.UTF_8));
        assertTrue(Files.readString(file).toLowerCase().contains("version"), Files.readString(file));
    }

    @Test
    void aWithheldVariableReachesTheChildNeitherFromTheLauncherNorFromTheGivenOnes() throws Exception {
        assertTrue(System.getenv().containsKey("PATH"), "the test needs a variable of its own environment");
        Path file = dir.resolve("env.log");
        ServiceLog log = ServiceLog.open("env", file, true, out, "env");
        ServiceProcess child = ServiceProcess.start("env", List.of("env"),
                Map.of("VELTRIX_KEPT", "yes", "VELTRIX_WITHHELD", "no"), Set.of("PATH", "VELTRIX_WITHHELD"), log);

        child.onExit().get(30, TimeUnit.SECONDS);
        String printed = Files.readString(file);
        for (long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
             !printed.contains("VELTRIX_KEPT=yes") && System.nanoTime() < until; printed = Files.readString(file)) {
            Thread.sleep(50); // the output is copied to the log by its own thread
        }
        assertTrue(printed.contains("VELTRIX_KEPT=yes"), printed);
        assertFalse(printed.contains("VELTRIX_WITHHELD"), printed);
        assertFalse(printed.lines().anyMatch(line -> line.startsWith("PATH=")), printed);
    }
}
