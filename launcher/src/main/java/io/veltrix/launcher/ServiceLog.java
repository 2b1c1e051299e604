package io.veltrix.launcher;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Where a service's output goes: every line to its log file (appended across runs, each run
 * opened by a marker line), the lines a person needs to the console behind a {@code [name]}
 * prefix (see {@link ConsoleFilter}), and the last lines kept to explain a death.
 */
final class ServiceLog implements AutoCloseable {

    /** Lines shown when a service dies or hangs: enough for Spring's failure report. */
    static final int LAST_LINES = 30;

    private final String name;
    private final Path file;
    private final boolean verbose;
    private final PrintStream console;
    private final ConsoleFilter filter;
    private final BufferedWriter writer;
    private final Deque<String> lastLines = new ArrayDeque<>(LAST_LINES);
    private boolean closed;
    private boolean writeFailed;

    private ServiceLog(String name, Path file, boolean verbose, PrintStream console, BufferedWriter writer) {
        this.name = name;
        this.file = file;
        this.verbose = verbose;
        this.console = console;
        this.filter = new ConsoleFilter(verbose, file.toString());
        this.writer = writer;
    }

    /** Opens {@code file} for appending (creating its folder) and writes this run's marker line. */
    static ServiceLog open(String name, Path file, boolean verbose, PrintStream console, String startedWith)
            throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        BufferedWriter writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        ServiceLog log = new ServiceLog(name, file, verbose, console, writer);
        log.write("===== " + Instant.now() + " veltrix launcher starts the " + name + " service: " + startedWith);
        return log;
    }

    Path file() {
        return file;
    }

    /** One line of the service's output. */
    synchronized void line(String line) {
        write(line);
        if (lastLines.size() == LAST_LINES) {
            lastLines.removeFirst();
        }
        lastLines.addLast(line);
        filter.accept(line).forEach(this::show);
    }

    /** Whether one of the service's last lines is {@code line} (surrounding blanks aside). */
    synchronized boolean lastLinesHold(String line) {
        return lastLines.stream().anyMatch(l -> l.strip().equals(line));
    }

    /**
     * Shows the service's last lines on the console (they usually say why it died), unless
     * verbose output has shown them already.
     */
    synchronized void showLastLines() {
        if (verbose || lastLines.isEmpty()) {
            return;
        }
        console.println("Last " + lastLines.size() + " lines of the " + name + " service's log (" + file + "):");
        lastLines.forEach(this::show);
    }

    /** The output has ended: shows what the filter still holds and closes the file. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        filter.end().forEach(this::show);
        try {
            writer.close();
        } catch (IOException e) {
            console.println("[" + name + "] could not close " + file + ": " + e.getMessage());
        }
    }

    private void show(String line) {
        console.println("[" + name + "] " + line);
    }

    /**
     * Flushed line by line: someone may be following the file, and a killed launcher loses nothing.
     * A failing disk is reported once and must not stop the copying: a child whose output is no
     * longer read blocks on its next log line.
     */
    private void write(String line) {
        if (writeFailed) {
            return;
        }
        try {
            writer.write(line);
            writer.newLine();
            writer.flush();
        } catch (IOException e) {
            writeFailed = true;
            console.println("[" + name + "] could not write to " + file + " (" + e.getMessage()
                    + "); from here on only the console gets this service's lines");
        }
    }
}
