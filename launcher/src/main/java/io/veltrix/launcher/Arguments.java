package io.veltrix.launcher;

import java.util.HashMap;
import java.util.Map;

/**
 * The launcher's command line; everything else is an environment variable (see {@link Settings}).
 *
 * @param verbose {@code --verbose}: every line of the services on the console
 * @param help {@code --help}: print the usage and exit
 * @param migrateEventStore {@code --migrate-event-store}: only bring an external event store up to
 *                          date as its owner, then exit
 */
record Arguments(boolean verbose, boolean help, boolean migrateEventStore) {

    static final String USAGE = "usage: ./run.sh [--verbose] [--help] [--migrate-event-store]";

    static final String HELP = USAGE + "\n"
            + "Starts an embedded PostgreSQL, the command service and the query service, and stops them on Ctrl-C.\n"
            + "  --verbose  show every line the services log, as the log files get them (also VELTRIX_VERBOSE=1);\n"
            + "             without it the console shows start-up progress and the services' warnings and errors\n"
            + "  --help     show this text\n"
            + "  --migrate-event-store  start nothing: run the event store's migrations on SPRING_DATASOURCE_URL as\n"
            + "             its owner (VELTRIX_EVENTSTORE_OWNER_USERNAME, default veltrix_eventstore, password\n"
            + "             VELTRIX_DB_EVENTSTORE_PASSWORD) and exit; the services never migrate it themselves\n"
            + "The services' full output goes to <VELTRIX_DATA_DIR>/logs/command.log and query.log.\n"
            + "Every other setting is an environment variable: see the Configuration section of README.md.";

    /** @throws IllegalArgumentException naming the first argument it does not know, with the usage */
    static Arguments parse(String... args) {
        boolean verbose = false;
        boolean help = false;
        boolean migrateEventStore = false;
        for (String arg : args) {
            switch (arg) {
                case "--verbose", "-v" -> verbose = true;
                case "--help", "-h" -> help = true;
                case "--migrate-event-store" -> migrateEventStore = true;
                default -> throw new IllegalArgumentException("unknown argument '" + arg + "'; " + USAGE);
            }
        }
        return new Arguments(verbose, help, migrateEventStore);
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
