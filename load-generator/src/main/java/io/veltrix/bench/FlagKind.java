package io.veltrix.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * How a flag's text reads. A value is checked when the command line is parsed, so a malformed
 * one stops the generator before it sends anything; the phases read it again with the same rules.
 */
enum FlagKind {

    TEXT("<text>", false),
    INTEGER("<integer>", false),
    /** An integer, or empty for none. */
    OPTIONAL_INTEGER("<integer>", true),
    LONG("<integer>", false),
    NUMBER("<number>", false),
    /** A number, or empty for none. */
    OPTIONAL_NUMBER("<number>", true),
    /** A number from 0 to 1. */
    RATIO("<0..1>", false),
    DURATION("<duration>", false),
    /** A duration, or empty for none. */
    OPTIONAL_DURATION("<duration>", true),
    BOOLEAN("<true|false>", false),
    /** A process id, or empty to find the process by its URL's port. */
    PID("<pid>", true),
    PHASES("<phase,...>", false),
    SSE_FRAMES("<changes|boards>", false);

    static final List<String> ALL_PHASES = List.of("seed", "stampede", "finds", "spectators", "lag", "ladder", "overload",
            "check", "replay", "limit");

    /** How the usage names a value of this kind. */
    final String label;
    /** Whether an empty value stands for none. */
    private final boolean optional;

    FlagKind(String label, boolean optional) {
        this.label = label;
        this.optional = optional;
    }

    /** Throws {@link IllegalArgumentException}, saying what was expected, unless {@code raw} reads as this kind. */
    void check(String raw) {
        if (optional && raw.isBlank()) {
            return;
        }
        switch (this) {
            case TEXT -> {
            }
            case INTEGER, OPTIONAL_INTEGER -> integer(raw);
            case LONG, PID -> longValue(raw);
            case NUMBER, OPTIONAL_NUMBER -> number(raw);
            case RATIO -> ratio(raw);
            case DURATION, OPTIONAL_DURATION -> duration(raw);
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
        return read(raw, text -> Integer.parseInt(text.trim()), "an integer");
    }

    static long longValue(String raw) {
        return read(raw, text -> Long.parseLong(text.trim()), "an integer");
    }

    static double number(String raw) {
        return read(raw, text -> Double.parseDouble(text.trim()), "a number");
    }

    private static <T> T read(String raw, Function<String, T> parse, String expected) {
        try {
            return parse.apply(raw);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + raw + "' is not " + expected);
        }
    }

    static boolean bool(String raw) {
        if (!raw.equalsIgnoreCase("true") && !raw.equalsIgnoreCase("false")) {
            throw new IllegalArgumentException("'" + raw + "' is neither true nor false");
        }
        return Boolean.parseBoolean(raw);
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
