package io.veltrix.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How a flag's text reads. A value is checked when the command line is parsed, so a malformed
 * one stops the generator before it sends anything; the phases read it again with the same rules.
 */
enum FlagKind {

    TEXT("<text>"),
    INTEGER("<integer>"),
    /** An integer, or empty for none. */
    OPTIONAL_INTEGER("<integer>"),
    LONG("<integer>"),
    NUMBER("<number>"),
    /** A number, or empty for none. */
    OPTIONAL_NUMBER("<number>"),
    /** A number from 0 to 1. */
    RATIO("<0..1>"),
    DURATION("<duration>"),
    /** A duration, or empty for none. */
    OPTIONAL_DURATION("<duration>"),
    BOOLEAN("<true|false>"),
    /** A process id, or empty to find the process by its URL's port. */
    PID("<pid>"),
    PHASES("<phase,...>"),
    SSE_FRAMES("<changes|boards>");

    static final List<String> ALL_PHASES = List.of("seed", "stampede", "finds", "spectators", "lag", "ladder", "overload",
            "check", "replay", "limit");

    /** How the usage names a value of this kind. */
    final String label;

    FlagKind(String label) {
        this.label = label;
    }

    /** Throws {@link IllegalArgumentException}, saying what was expected, unless {@code raw} reads as this kind. */
    void check(String raw) {
        boolean none = raw.isBlank();
        switch (this) {
            case TEXT -> {
            }
            case INTEGER -> integer(raw);
            case OPTIONAL_INTEGER -> {
                if (!none) {
                    integer(raw);
                }
            }
            case LONG, PID -> {
                if (!(this == PID && none)) {
                    longValue(raw);
                }
            }
            case NUMBER -> number(raw);
            case OPTIONAL_NUMBER -> {
                if (!none) {
                    number(raw);
                }
            }
            case RATIO -> ratio(raw);
            case DURATION -> duration(raw);
            case OPTIONAL_DURATION -> {
                if (!none) {
                    duration(raw);
                }
            }
            case BOOLEAN -> bool(raw);
            case PHASES -> phases(raw);
            case SSE_FRAMES -> {
                if (!raw.equals("changes") && !raw.equals("boards")) {
                    throw new IllegalArgumentException("'" + raw + "' is neither changes nor boards");
                }
            }
        }
    }

    static int integer(String raw) {
        try {
            return Integer.parseInt(raw.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + raw + "' is not an integer");
        }
    }

    static boolean bool(String raw) {
        if (!raw.equalsIgnoreCase("true") && !raw.equalsIgnoreCase("false")) {
            throw new IllegalArgumentException("'" + raw + "' is neither true nor false");
        }
        return Boolean.parseBoolean(raw);
    }

    static long longValue(String raw) {
        try {
            return Long.parseLong(raw.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + raw + "' is not an integer");
        }
    }

    static double number(String raw) {
        try {
            return Double.parseDouble(raw.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + raw + "' is not a number");
        }
    }

    static double ratio(String raw) {
        double value = number(raw);
        if (value < 0 || value > 1) {
            throw new IllegalArgumentException(value + " is not between 0 and 1");
        }
        return value;
    }

    /** {@code 60s}, {@code 500ms}, {@code 2m}; a bare number is seconds. */
    static Duration duration(String raw) {
        String text = raw.trim().toLowerCase(Locale.ROOT);
        try {
            if (text.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(text.substring(0, text.length() - 2)));
            }
            if (text.endsWith("s")) {
                return Duration.ofMillis(Math.round(Double.parseDouble(text.substring(0, text.length() - 1)) * 1000));
            }
            if (text.endsWith("m")) {
                return Duration.ofSeconds(Long.parseLong(text.substring(0, text.length() - 1)) * 60);
            }
            return Duration.ofMillis(Math.round(Double.parseDouble(text) * 1000));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + raw + "' is not a duration like 60s, 500ms or 2m");
        }
    }

    /** The phases named, in their order, each once; an empty name is passed over. */
    static List<String> phases(String raw) {
        List<String> phases = new ArrayList<>();
        for (String phase : raw.split(",")) {
            String name = phase.trim();
            if (name.isEmpty() || phases.contains(name)) {
                continue;
            }
            if (!ALL_PHASES.contains(name)) {
                throw new IllegalArgumentException("unknown phase '" + name + "'; phases: " + String.join(",", ALL_PHASES));
            }
            phases.add(name);
        }
        return phases;
    }
}
