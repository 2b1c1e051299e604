package io.veltrix.launcher;

import java.util.HashMap;
import java.util.Map;

/**
 * The launcher's command line; everything else is an environment variable (see {@link Settings}).
 *
 * @param verbose {@code --verbose}: every line of the services on the console
 * @param help {@code --help}: print the usage and exit
 */
record Arguments(boolean verbose, boolean help) {

    static final String USAGE = "usage: ./run.sh [--verbose] [--help]";

    static final String HELP = USAGE + "\n"
            + "Starts an embedded PostgreSQL, the command service and the query service, and stops them on Ctrl-C.\n"
            + "  --verbose  show every line the services log, as the log files get them (also VELTRIX_VERBOSE=1);\n"
            + "             without it the console shows start-up progress and the services' warnings and errors\n"
            + "  --help     show this text\n"
            + "The services' full output goes to <VELTRIX_DATA_DIR>/logs/command.log and query.log.\n"
            + "Every other setting is an environment variable: see the Configuration section of README.md.";

    /** @throws IllegalArgumentException naming the first argument it does not know, with the usage */
    static Arguments parse(String... args) {
        boolean verbose = false;
        boolean help = false;
        for (String arg : args) {
            switch (arg) {
                case "--verbose", "-v" -> verbose = true;
                case "--help", "-h" -> help = true;
                default -> throw new IllegalArgumentException("unknown argument '" + arg + "'; " + USAGE);
            }
        }
        return new Arguments(verbose, help);
    }

    /** {@code env} as the flags amend it: {@code --verbose} is {@code VELTRIX_VERBOSE=1}. */
    Map<String, String> applyTo(Map<String, String> env) {
        if (!verbose) {
            return env;
        }
        Map<String, String> amended = new HashMap<>(env);
        amended.put(Settings.VERBOSE, "1");
        return amended;
    }
}
