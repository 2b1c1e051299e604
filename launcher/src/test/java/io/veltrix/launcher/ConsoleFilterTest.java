package io.veltrix.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.veltrix.launcher.ConsoleFilter.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ConsoleFilterTest {

    private static final String INFO = "2026-12-01T10:00:00.123Z  INFO 4242 --- [veltrix-command] [           main]"
            + " i.v.command.CommandApplication           : Started CommandApplication in 9.1 seconds";
    private static final String WARN = "2026-12-01T10:00:01.000Z  WARN 4242 --- [veltrix-command] [           main]"
            + " o.a.e.TrackingEventProcessor             : Fetch failed, retrying";
    private static final String ERROR = "2026-12-01T10:00:02.000Z ERROR 4242 --- [veltrix-command] [           main]"
            + " o.s.boot.SpringApplication               : Application run failed";

    private final ConsoleFilter quiet = new ConsoleFilter(false, "/data/logs/command.log");

    private List<String> feed(ConsoleFilter filter, List<String> lines) {
        List<String> shown = new ArrayList<>();
        lines.forEach(line -> shown.addAll(filter.accept(line)));
        shown.addAll(filter.end());
        return shown;
    }

    @Test
    void warningsAndErrorsPassAndInfoIsDropped() {
        assertEquals(List.of(WARN, ERROR), feed(quiet, List.of(INFO, WARN, INFO, ERROR)));
    }

    @Test
    void theLevelIsATokenAfterTheTimestampInTheCommonPatterns() {
        assertEquals(Optional.of(Level.WARN), ConsoleFilter.levelOf(WARN));
        assertEquals(Optional.of(Level.INFO), ConsoleFilter.levelOf(INFO));
        assertEquals(Optional.of(Level.ERROR), ConsoleFilter.levelOf("2026-12-01 10:00:02.000 ERROR 1 --- [main] x : y"));
        assertEquals(Optional.of(Level.WARN), ConsoleFilter.levelOf("10:00:00.000 [main] WARN  o.a.Foo - slow"));
        assertEquals(Optional.of(Level.ERROR),
                ConsoleFilter.levelOf("\u001B[2m2026-12-01T10:00:02.000Z\u001B[0m \u001B[31mERROR\u001B[0m 1 --- x"));
        // a message that merely mentions a level is not a record of that level
        assertEquals(Optional.of(Level.INFO), ConsoleFilter.levelOf(INFO.replace("Started", "no ERROR, no WARN")));
        assertEquals(Optional.empty(), ConsoleFilter.levelOf("ERROR: not a log record"));
        assertEquals(Optional.empty(), ConsoleFilter.levelOf("\tat io.veltrix.Foo.bar(Foo.java:12)"));
        assertEquals(Optional.empty(), ConsoleFilter.levelOf(""));
    }

    @Test
    void theStackTraceUnderAnErrorFollowsItAndEndsWithTheNextRecord() {
        List<String> trace = List.of("java.lang.IllegalStateException: boom", "\tat io.veltrix.A.a(A.java:1)",
                "Caused by: java.net.ConnectException: refused", "\t... 12 more");

        List<String> lines = new ArrayList<>(List.of(ERROR));
        lines.addAll(trace);
        lines.add(INFO);
        lines.add("\tat not.shown.AfterInfo(X.java:1)");

        List<String> expected = new ArrayList<>(List.of(ERROR));
        expected.addAll(trace);
        assertEquals(expected, feed(quiet, lines));
    }

    @Test
    void continuationLinesOfInfoAndWarnAndTheBannerAreDropped() {
        List<String> lines = List.of("  .   ____          _", " :: Spring Boot ::                (v3.5.7)",
                INFO, "second line of an info message", WARN, "\tat io.veltrix.A.a(A.java:1)");

        assertEquals(List.of(WARN), feed(quiet, lines));
    }

    @Test
    void aLongTraceIsCutAfterItsHeadButKeepsItsCausesAndSaysWhereTheRestIs() {
        List<String> lines = new ArrayList<>(List.of(ERROR));
        IntStream.range(0, 100).forEach(i -> lines.add("\tat io.veltrix.Frame.f" + i + "(Frame.java:" + i + ")"));
        lines.add("Caused by: org.postgresql.util.PSQLException: Connection refused");
        IntStream.range(0, 10).forEach(i -> lines.add("\tat org.postgresql.Frame.g" + i + "(Frame.java:" + i + ")"));
        lines.add(WARN);

        List<String> shown = feed(quiet, lines);

        assertEquals(1 + ConsoleFilter.TRACE_HEAD_LINES + 1 + 1 + 1, shown.size(), String.join("\n", shown));
        assertEquals(ERROR, shown.get(0));
        assertTrue(shown.contains("Caused by: org.postgresql.util.PSQLException: Connection refused"));
        int omitted = 100 + 10 - ConsoleFilter.TRACE_HEAD_LINES;
        assertEquals("... " + omitted + " more lines in /data/logs/command.log", shown.get(shown.size() - 2));
        assertEquals(WARN, shown.get(shown.size() - 1));
    }

    @Test
    void aTraceCutShortAtTheEndOfTheOutputStillGetsItsNote() {
        List<String> lines = new ArrayList<>(List.of(ERROR));
        IntStream.range(0, ConsoleFilter.TRACE_HEAD_LINES + 1).forEach(i -> lines.add("\tat F.f" + i + "(F.java)"));

        List<String> shown = feed(quiet, lines);

        assertEquals("... 1 more line in /data/logs/command.log", shown.get(shown.size() - 1));
    }

    @Test
    void verbosePassesEveryLine() {
        List<String> lines = List.of(" :: Spring Boot ::", INFO, "continued", WARN, ERROR, "\tat A.a(A.java:1)");

        assertEquals(lines, feed(new ConsoleFilter(true, "command.log"), lines));
    }
}
