package io.veltrix.bench;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.TypeConversionException;

/**
 * The command line as picocli reads it against {@link Flags}: {@code --flag value} or
 * {@code --flag=value}, a flag given twice takes its last value (bench.sh appends its own flags
 * after the caller's), a malformed value or an unknown flag is an {@link IllegalArgumentException}
 * naming it. Staff credentials not given as flags come from the environment
 * ({@code VELTRIX_ORGANIZER_USER}, ...) or from the launcher's secrets file.
 *
 * <p>The model is built from the table rather than from annotated fields: the phases ask for a flag
 * by its name, and the summary reports every flag as it was given.
 *
 * <p>Start-up: picocli's classes and built-in converters cost about 0.25 s of CPU per start (median
 * CPU of a start that parses bench.sh's flags and exits, 0.18 s by hand before, 0.43 s with picocli,
 * on the shared 2-core machine), once per run of seconds to minutes; {@code compare} does not load it.
 */
final class Options {

    /** How the usage names the program; {@code compare} is told apart before the flags are parsed. */
    private static final String COMMAND = "java -jar load-generator.jar";

    private final Map<String, String> values;

    private Options(Map<String, String> values) {
        this.values = values;
    }

    /** The flags of {@code args} over their defaults, credentials filled in; null when {@code --help} was asked for. */
    static Options parse(String[] args, Map<String, String> env) {
        CommandLine line = commandLine();
        try {
            line.parseArgs(args);
        } catch (ParameterException e) {
            StringBuilder message = new StringBuilder(e.getMessage());
            if (e instanceof CommandLine.UnmatchedArgumentException unmatched) {
                // picocli lists the known flags most like it first
                List<String> suggestions = unmatched.getSuggestions();
                if (!suggestions.isEmpty()) {
                    message.append("; did you mean ").append(suggestions.get(0)).append('?');
                }
            }
            throw new IllegalArgumentException(message.toString(), e);
        }
        if (line.isUsageHelpRequested()) {
            return null;
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (Flags.Flag flag : Flags.ALL) {
            values.put(flag.name(), line.getCommandSpec().findOption("--" + flag.name()).getValue());
        }
        Options options = new Options(values);
        options.fillCredentials(env);
        return options;
    }

    /** Every flag with its default and help, the phases, and the {@code compare} form. */
    static String usage() {
        return commandLine().getUsageMessage(CommandLine.Help.Ansi.OFF);
    }

    private static CommandLine commandLine() {
        CommandSpec spec = CommandSpec.create().name(COMMAND);
        spec.usageMessage()
                .customSynopsis(COMMAND + " [--flag value]...",
                        "       " + COMMAND + " compare summary.json...")
                .description("Runs the chosen phases of the launch-day scenario (or the limit baseline), prints a"
                                + " table, writes the JSON summary and prints its path last.",
                        "compare: the benchmark's figures of the summaries side by side, with ratios.")
                .optionListHeading("%nFlags (an empty default is none):%n")
                .sortOptions(false)
                .width(120)
                .footer("%nphases: " + String.join(",", FlagKind.ALL_PHASES)
                        + "; durations: 60s, 500ms, 2m, or a bare number of seconds%n");
        spec.addOption(OptionSpec.builder("-h", "--help").usageHelp(true).description("this usage").build());
        for (Flags.Flag flag : Flags.ALL) {
            spec.addOption(OptionSpec.builder("--" + flag.name())
                    .type(String.class)
                    .paramLabel(flag.kind().label)
                    .defaultValue(flag.defaultValue())
                    // picocli formats a description: a '%' is written twice to stand for itself
                    .description((flag.help() + (flag.defaultValue().isEmpty() ? "" : " (default: " + flag.defaultValue() + ")"))
                            .replace("%", "%%"))
                    .converters(raw -> {
                        try {
                            flag.kind().check(raw);
                        } catch (IllegalArgumentException malformed) {
                            throw new TypeConversionException(malformed.getMessage());
                        }
                        return raw;
                    })
                    .build());
        }
        CommandLine line = new CommandLine(spec);
        // bench.sh passes the caller's flags, then its own: the last of one flag wins
        line.setOverwrittenOptionsAllowed(true);
        // a value is taken as written: '@' starts no argument file, and a password may start with '-'
        line.setExpandAtFiles(false);
        line.setUnmatchedOptionsAllowedAsOptionParameters(true);
        return line;
    }

    /** Staff accounts: flag, else environment, else the launcher's secrets file. */
    private void fillCredentials(Map<String, String> env) {
        Properties stored = new Properties();
        Path file = Path.of(values.get("secrets-file"));
        if (Files.isReadable(file)) {
            try (Reader reader = Files.newBufferedReader(file)) {
                stored.load(reader);
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage());
            }
        }
        if (values.get("jdbc-password").isEmpty()) {
            // the embedded PostgreSQL's superuser: the seeder writes events, the cost meter reads statistics
            String fromEnv = env.get("VELTRIX_DB_SUPERUSER_PASSWORD");
            values.put("jdbc-password", fromEnv != null && !fromEnv.isBlank() ? fromEnv
                    : stored.getProperty("VELTRIX_DB_SUPERUSER_PASSWORD", "postgres"));
        }
        for (String role : List.of("organizer", "auditor", "admin")) {
            for (String part : List.of("user", "password")) {
                String flag = role + "-" + part;
                String key = "VELTRIX_" + role.toUpperCase() + "_" + part.toUpperCase();
                if (values.get(flag).isEmpty()) {
                    String fromEnv = env.get(key);
                    String value = fromEnv != null && !fromEnv.isBlank() ? fromEnv : stored.getProperty(key, "");
                    if (value.isEmpty() && part.equals("user")) {
                        value = role;
                    }
                    values.put(flag, value);
                }
            }
        }
    }

    String string(String name) {
        String value = values.get(name);
        if (value == null) {
            throw new IllegalStateException("no flag --" + name);
        }
        return value;
    }

    int integer(String name) {
        return FlagKind.integer(string(name));
    }

    /** An integer flag that may be left empty. */
    Integer optionalInteger(String name) {
        return string(name).isBlank() ? null : integer(name);
    }

    long longValue(String name) {
        return FlagKind.longValue(string(name));
    }

    double number(String name) {
        return FlagKind.number(string(name));
    }

    double ratio(String name) {
        return FlagKind.ratio(string(name));
    }

    boolean bool(String name) {
        return FlagKind.bool(string(name));
    }

    Duration duration(String name) {
        return FlagKind.duration(string(name));
    }

    Set<String> phases() {
        return new LinkedHashSet<>(FlagKind.phases(string("phases")));
    }

    /** The flags as run, passwords masked: part of the JSON summary. */
    Map<String, String> asReported() {
        Map<String, String> shown = new LinkedHashMap<>(values);
        shown.replaceAll((k, v) -> k.endsWith("password") && !v.isEmpty() ? "***" : v);
        return shown;
    }
}
