package io.veltrix.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OptionsTest {

    @TempDir
    Path dir;

    @Test
    void defaultsAreBenchMds() {
        Options o = Options.parse(new String[] {"--secrets-file", dir.resolve("none").toString()}, Map.of());
        assertEquals(20, o.integer("clues"));
        assertEquals(5000, o.integer("players"));
        assertEquals(4000, o.integer("max-players"));
        assertEquals(1000, o.integer("rate"));
        assertEquals(Duration.ofSeconds(60), o.duration("duration"));
        assertEquals(0.3, o.ratio("wrong-ratio"));
        assertEquals(2000, o.integer("sse-subscribers"));
        assertEquals(2000, o.integer("board-read-rate"));
        assertEquals(64, o.integer("board-connections"));
        assertEquals(64, o.integer("find-connections"));
        assertEquals(1_000_000, o.longValue("seed-events"));
        assertEquals("organizer", o.string("organizer-user"));
    }

    @Test
    void flagsEnvironmentAndSecretsFileInThatOrder() throws Exception {
        Path secrets = dir.resolve("veltrix-secrets.properties");
        Files.writeString(secrets, "VELTRIX_ORGANIZER_PASSWORD=fromfile\nVELTRIX_AUDITOR_PASSWORD=auditfile\n"
                + "VELTRIX_DB_SUPERUSER_PASSWORD=dbfile\n");
        Options o = Options.parse(new String[] {"--secrets-file", secrets.toString(), "--rate=50", "--admin-password", "flag"},
                Map.of("VELTRIX_AUDITOR_PASSWORD", "fromenv"));
        assertEquals(50, o.integer("rate"));
        assertEquals("fromfile", o.string("organizer-password"));
        assertEquals("fromenv", o.string("auditor-password"));
        assertEquals("flag", o.string("admin-password"));
        assertEquals("***", o.asReported().get("organizer-password"));
        assertEquals("dbfile", o.string("jdbc-password"));
        assertEquals("postgres", Options.parse(new String[] {"--secrets-file", dir.resolve("none").toString()}, Map.of())
                .string("jdbc-password"));
    }

    @Test
    void durationsAndPhases() {
        assertEquals(Duration.ofMillis(500), Options.parseDuration("x", "500ms"));
        assertEquals(Duration.ofMillis(1500), Options.parseDuration("x", "1.5s"));
        assertEquals(Duration.ofMinutes(2), Options.parseDuration("x", "2m"));
        assertEquals(Duration.ofSeconds(10), Options.parseDuration("x", "10"));
        Options o = Options.parse(new String[] {"--phases", "stampede, finds", "--secrets-file", "/nonexistent"}, Map.of());
        assertEquals(Set.of("stampede", "finds"), o.phases());
        assertThrows(IllegalArgumentException.class,
                () -> Options.parse(new String[] {"--phases", "stampede,bogus"}, Map.of()));
        assertThrows(IllegalArgumentException.class, () -> Options.parse(new String[] {"--no-such-flag", "1"}, Map.of()));
    }
}
