package io.veltrix.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.veltrix.testsupport.EmbeddedDatabase;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The capacity ladder as the benchmark runs it (the generator's jar, a child JVM), at rates a test
 * machine holds: finds at the first rate for the settle period, reported apart and not judged, then
 * the judged steps from that same rate up.
 */
class LadderSystemIT {

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
        JsonNode ladder = GeneratorRun.summary("ladder", services, database, List.of(
                "--phases", "stampede,ladder",
                "--players", "40", "--clues", "20", "--registration-concurrency", "8",
                "--ladder-start", "10", "--ladder-factor", "2", "--ladder-max", "20",
                "--ladder-settle", "3s", "--ladder-step-duration", "2s", "--lag-sample-rate", "1",
                "--check-timeout", "30s")).at("/phases/ladder");

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
