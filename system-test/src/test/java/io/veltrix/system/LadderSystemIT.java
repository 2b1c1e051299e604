package io.veltrix.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.veltrix.testsupport.EmbeddedDatabase;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The capacity ladder as the benchmark runs it (the generator's jar, a child JVM), at rates a test
 * machine holds: finds at the first rate for the settle period, reported apart and not judged, then
 * the judged steps from that same rate up.
 */
class LadderSystemIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static Services services;
    private static EmbeddedDatabase.ServiceDatabase database;

    @BeforeAll
    static void start() throws Exception {
        database = EmbeddedDatabase.freshDatabaseWithServiceRoles();
        services = Services.start(database);
    }

    @AfterAll
    static void stop() throws Exception {
        if (services != null) {
            services.close();
        }
    }

    @Test
    void theLadderSettlesAtItsFirstRateBeforeItsFirstJudgedStep() throws Exception {
        Path logs = Path.of(System.getProperty("veltrix.logs", "target/service-logs"));
        Path output = Files.createDirectories(logs.resolve("ladder-bench"));
        Path log = logs.resolve("ladder-generator.log");
        String jar = System.getProperty("veltrix.generator.jar");
        assertThat(new File(jar)).as("the load generator's jar (build it first)").isFile();
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder generator = new ProcessBuilder(List.of(java, "-Xmx256m", "-jar", jar,
                "--command-url", "http://localhost:" + services.commandPort,
                "--query-url", "http://localhost:" + services.queryPort,
                "--phases", "stampede,ladder",
                "--players", "40", "--clues", "20", "--registration-concurrency", "8",
                "--ladder-start", "10", "--ladder-factor", "2", "--ladder-max", "20",
                "--ladder-settle", "3s", "--ladder-step-duration", "2s", "--lag-sample-rate", "1",
                "--check-timeout", "30s",
                "--secrets-file", output.resolve("no-secrets").toString(),
                "--jdbc-url", database.url(), "--jdbc-user", "postgres",
                "--jdbc-password", EmbeddedDatabase.SUPERUSER_PASSWORD,
                "--output-dir", output.toString(), "--profile", "ladder-system-test"))
                .redirectErrorStream(true).redirectOutput(log.toFile());
        generator.environment().putAll(Services.ACCOUNTS);
        Process run = generator.start();
        assertThat(run.waitFor(3, TimeUnit.MINUTES)).as("the generator finished; see " + log).isTrue();
        assertThat(run.exitValue()).as("the generator's exit code; see " + log).isZero();
        List<String> lines = Files.readAllLines(log);
        JsonNode ladder = JSON.readTree(Path.of(lines.get(lines.size() - 1).trim()).toFile()).at("/phases/ladder");

        JsonNode settle = ladder.get("settle");
        assertThat(settle).as("the settle period's report: " + ladder).isNotNull();
        assertThat(settle.get("offered").asDouble()).isEqualTo(10.0);
        assertThat(settle.get("acceptedPerSecond").asDouble()).isPositive();
        assertThat(settle.has("heldSlo")).as("the settle period is not judged").isFalse();
        // the judged steps start at the same first rate; the settle period is not one of them
        JsonNode steps = ladder.get("steps");
        assertThat(steps.size()).isBetween(1, 2);
        assertThat(steps.get(0).get("offered").asDouble()).isEqualTo(10.0);
        assertThat(steps.get(0).has("heldSlo")).isTrue();
    }
}
