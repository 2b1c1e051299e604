package io.veltrix.launcher;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Which lines of a service's output a person at the console needs: WARN and ERROR records, and
 * the stack trace under an ERROR (its head, then only its {@code Caused by:} lines, which name the
 * root cause). Start-up chatter at INFO stays in the log file. Verbose shows every line.
 */
final class ConsoleFilter {

    /** Lines of an ERROR's stack trace shown in full before only its causes are. */
    static final int TRACE_HEAD_LINES = 25;

    /** A record's level is among its first few tokens, after a timestamp, in any common pattern. */
    private static final int LEVEL_TOKEN_SEARCH = 5;

    private static final Pattern ANSI_ESCAPE = Pattern.compile("\u001B\\[[0-9;]*m");
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    enum Level { TRACE, DEBUG, INFO, WARN, ERROR }

    private final boolean verbose;
    private final String fullLogName;
    private boolean inErrorTrace;
    private int traceLinesShown;
    private int traceLinesOmitted;

    /** @param fullLogName where the lines this filter drops can be read, for the note that says so */
    ConsoleFilter(boolean verbose, String fullLogName) {
        this.verbose = verbose;
        this.fullLogName = fullLogName;
    }

    /** The lines to show for {@code line}, in order: none, the line, or a note and then the line. */
    List<String> accept(String line) {
        if (verbose) {
            return List.of(line);
        }
        Optional<Level> level = levelOf(line);
        if (level.isEmpty()) {
            return continuation(line);
        }
        String omitted = endTrace();
        inErrorTrace = level.get() == Level.ERROR;
        boolean show = level.get().compareTo(Level.WARN) >= 0;
        if (omitted == null) {
            return show ? List.of(line) : List.of();
        }
        return show ? List.of(omitted, line) : List.of(omitted);
    }

    /** What to show once the output has ended: the note for a stack trace cut short, if any. */
    List<String> end() {
        String omitted = endTrace();
        return omitted == null ? List.of() : List.of(omitted);
    }

    /**
     * The level of a log record's first line, or empty for anything else (a stack trace line, a
     * message's second line, Spring's banner, the JVM's own messages). A record starts with a
     * timestamp and carries its level as a whole token: {@code 2026-12-01T10:00:00.000Z  WARN 42
     * --- [app] [main] ...} in Spring Boot's pattern, {@code 10:00:00.000 [main] WARN ...} in
     * logback's, possibly coloured.
     */
    static Optional<Level> levelOf(String line) {
        String plain = ANSI_ESCAPE.matcher(line).replaceAll("");
        if (plain.isEmpty() || !Character.isDigit(plain.charAt(0))) {
            return Optional.empty();
        }
        String[] tokens = WHITESPACE.split(plain, LEVEL_TOKEN_SEARCH + 1);
        for (int i = 1; i < Math.min(tokens.length, LEVEL_TOKEN_SEARCH); i++) {
            Optional<Level> level = level(tokens[i]);
            if (level.isPresent()) {
                return level;
            }
        }
        return Optional.empty();
    }

    private static Optional<Level> level(String token) {
        String bare = token.replace("[", "").replace("]", "").toUpperCase(Locale.ROOT);
        return switch (bare) {
            case "TRACE", "FINEST", "FINER" -> Optional.of(Level.TRACE);
            case "DEBUG", "FINE" -> Optional.of(Level.DEBUG);
            case "INFO" -> Optional.of(Level.INFO);
            case "WARN", "WARNING" -> Optional.of(Level.WARN);
            case "ERROR", "FATAL", "SEVERE" -> Optional.of(Level.ERROR);
            default -> Optional.empty();
        };
    }

    private List<String> continuation(String line) {
        if (!inErrorTrace) {
            return List.of();
        }
        if (traceLinesShown < TRACE_HEAD_LINES || line.stripLeading().startsWith("Caused by:")) {
            traceLinesShown++;
            return List.of(line);
        }
        traceLinesOmitted++;
        return List.of();
    }

    /** Closes the current record; returns the note for lines of its trace left out, or null. */
    private String endTrace() {
        String note = traceLinesOmitted == 0 ? null
                : "... " + traceLinesOmitted + " more line" + (traceLinesOmitted == 1 ? "" : "s") + " in " + fullLogName;
        inErrorTrace = false;
        traceLinesShown = 0;
        traceLinesOmitted = 0;
        return note;
    }
}
