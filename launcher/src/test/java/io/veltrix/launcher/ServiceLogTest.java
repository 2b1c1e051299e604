package io.veltrix.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServiceLogTest {

    private static final String INFO = "2026-12-01T10:00:00.123Z  INFO 1 --- [veltrix-query] [main] x : started";
    private static final String WARN = "2026-12-01T10:00:01.000Z  WARN 1 --- [veltrix-query] [main] x : slow";

    @TempDir
    Path dir;

    private final ByteArrayOutputStream captured = new ByteArrayOutputStream();
    private final PrintStream console = new PrintStream(captured, true, StandardCharsets.UTF_8);

    private List<String> console() {
        return captured.toString(StandardCharsets.UTF_8).lines().toList();
    }

    @Test
    void theFileGetsEveryLineAndTheConsoleOnlyWarningsWithThePrefix() throws Exception {
        Path file = dir.resolve("logs/query.log");
        try (ServiceLog log = ServiceLog.open("query", file, false, console, "java -jar query.jar")) {
            log.line(" :: Spring Boot ::");
            log.line(INFO);
            log.line(WARN);
        }

        List<String> written = Files.readAllLines(file);
        assertEquals(4, written.size());
        assertTrue(written.get(0).startsWith("===== ") && written.get(0).contains("query service: java -jar query.jar"),
                written.get(0));
        assertEquals(List.of(" :: Spring Boot ::", INFO, WARN), written.subList(1, 4));
        assertEquals(List.of("[query] " + WARN), console());
    }

    @Test
    void runsAreAppendedEachBehindItsMarker() throws Exception {
        Path file = dir.resolve("query.log");
        try (ServiceLog first = ServiceLog.open("query", file, false, console, "run 1")) {
            first.line(INFO);
        }
        try (ServiceLog second = ServiceLog.open("query", file, false, console, "run 2")) {
            second.line(WARN);
        }

        List<String> written = Files.readAllLines(file);
        assertEquals(4, written.size());
        assertTrue(written.get(0).endsWith("run 1"));
        assertEquals(INFO, written.get(1));
        assertTrue(written.get(2).endsWith("run 2"));
        assertEquals(WARN, written.get(3));
    }

    @Test
    void verboseShowsEveryLine() throws Exception {
        try (ServiceLog log = ServiceLog.open("query", dir.resolve("query.log"), true, console, "java")) {
            log.line(" :: Spring Boot ::");
            log.line(INFO);
        }

        assertEquals(List.of("[query]  :: Spring Boot ::", "[query] " + INFO), console());
    }

    @Test
    void theLastLinesExplainADeathWithoutTheirEarlierOnes() throws Exception {
        try (ServiceLog log = ServiceLog.open("command", dir.resolve("command.log"), false, console, "java")) {
            IntStream.range(0, 100).forEach(i -> log.line("line " + i));
            log.showLastLines();
        }

        List<String> shown = console();
        assertEquals(1 + ServiceLog.LAST_LINES, shown.size());
        assertTrue(shown.get(0).contains("Last " + ServiceLog.LAST_LINES + " lines of the command service's log"));
        assertTrue(shown.get(0).contains(dir.resolve("command.log").toString()));
        assertEquals("[command] line " + (100 - ServiceLog.LAST_LINES), shown.get(1));
        assertEquals("[command] line 99", shown.get(shown.size() - 1));
    }

    @Test
    void verboseDoesNotRepeatTheLastLines() throws Exception {
        try (ServiceLog log = ServiceLog.open("command", dir.resolve("command.log"), true, console, "java")) {
            log.line("dying");
            log.showLastLines();
        }

        assertEquals(List.of("[command] dying"), console());
    }
}
