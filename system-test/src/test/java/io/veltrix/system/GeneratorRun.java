package io.veltrix.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.veltrix.testsupport.EmbeddedDatabase;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The load generator run as the benchmark runs it: its jar in a child JVM against both services and
 * their database, with the given flags; it must finish within three minutes with exit code 0, and
 * its JSON summary (the file named on its last output line) is read back. Output and log go to
 * {@code <name>-bench} and {@code <name>-generator.log} under the service logs.
 */
final class GeneratorRun {

    private static final ObjectMapper JSON = new ObjectMapper();

    private GeneratorRun() {
    }

    static JsonNode summary(String name, Services services, EmbeddedDatabase.ServiceDatabase database, List<String> flags)
            throws Exception {
        Path logs = Path.of(System.getProperty("veltrix.logs", "target/service-logs"));
        Path output = Files.createDirectories(logs.resolve(name + "-bench"));
        Path log = logs.resolve(name + "-generator.log");
        String jar = System.getProperty("veltrix.generator.jar");
        assertThat(new File(jar)).as("the load generator's jar (build it first)").isFile();
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "-Xmx256m", "-jar", jar,
                "--command-url", "http://localhost:" + services.commandPort,
                "--query-url", "http://localhost:" + services.queryPort));
        command.addAll(flags);
        command.addAll(List.of("--secrets-file", output.resolve("no-secrets").toString(),
                "--jdbc-url", database.url(), "--jdbc-user", "postgres",
                "--jdbc-password", EmbeddedDatabase.SUPERUSER_PASSWORD,
                "--output-dir", output.toString(), "--profile", name + "-system-test"));
        ProcessBuilder generator = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        generator.environment().putAll(Services.ACCOUNTS);
        Process run = generator.start();
        assertThat(run.waitFor(3, TimeUnit.MINUTES)).as("the generator finished; see " + log).isTrue();
        assertThat(run.exitValue()).as("the generator's exit code; see " + log).isZero();
        List<String> lines = Files.readAllLines(log);
        return JSON.readTree(Path.of(lines.get(lines.size() - 1).trim()).toFile());
    }
}
