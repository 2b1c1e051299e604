package io.veltrix.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SettingsTest {

    @Test
    void defaultsDescribeTheEmbeddedDefault() {
        Settings settings = Settings.from(Map.of());

        assertTrue(settings.embeddedDatabase());
        assertEquals(Path.of("data/postgres").toAbsolutePath(), settings.postgresDataDir());
        assertEquals(54329, settings.postgresPort());
        assertEquals(8081, settings.commandPort());
        assertEquals(8082, settings.queryPort());
        assertEquals(Path.of("command-service/target/command-service.jar").toAbsolutePath(), settings.commandJar());
        assertEquals(List.of("-Xms64m", "-Xmx160m", "-XX:+UseSerialGC", "-XX:+ExitOnOutOfMemoryError", "-XX:MaxHeapFreeRatio=40", "-XX:MinHeapFreeRatio=15",
                "-XX:ReservedCodeCacheSize=96m", "-XX:+UnlockExperimentalVMOptions", "-XX:+IgnoreUnrecognizedVMOptions",
                "-XX:TrimNativeHeapInterval=5000"), settings.javaOpts());
        assertEquals(List.of("-Xmn48m", "-XX:SurvivorRatio=4", "-XX:-UseSerialGC", "-XX:+UseParallelGC"), settings.commandJavaOpts());
        assertEquals(settings.javaOpts(), settings.commandServiceJavaOpts().subList(0, settings.javaOpts().size()));
        assertEquals(settings.commandJavaOpts(), settings.commandServiceJavaOpts().subList(settings.javaOpts().size(),
                settings.commandServiceJavaOpts().size()));
        assertEquals(List.of("-XX:TieredStopAtLevel=1", "-XX:-UseSerialGC", "-XX:+UseParallelGC"), settings.queryJavaOpts());
        assertEquals(settings.javaOpts(), settings.queryServiceJavaOpts().subList(0, settings.javaOpts().size()));
        assertEquals(settings.queryJavaOpts(), settings.queryServiceJavaOpts().subList(settings.javaOpts().size(),
                settings.queryServiceJavaOpts().size()));
        assertEquals(Duration.ofSeconds(120), settings.startupTimeout());
        assertTrue(settings.aotCache());
        assertFalse(settings.postgresStatementStats());
    }

    @Test
    void statementStatisticsCanBeTurnedOn() {
        assertTrue(Settings.from(Map.of(Settings.PG_STAT_STATEMENTS, "1")).postgresStatementStats());
        assertThrows(IllegalArgumentException.class, () -> Settings.from(Map.of(Settings.PG_STAT_STATEMENTS, "on")));
    }

    @Test
    void theAotCacheCanBeTurnedOff() {
        assertFalse(Settings.from(Map.of(Settings.AOT_CACHE, "0")).aotCache());
        assertTrue(Settings.from(Map.of(Settings.AOT_CACHE, "1")).aotCache());
        assertThrows(IllegalArgumentException.class, () -> Settings.from(Map.of(Settings.AOT_CACHE, "maybe")));
    }

    @Test
    void knobsOverrideDefaults() {
        Settings settings = Settings.from(Map.of(
                Settings.DATA_DIR, "/srv/veltrix",
                Settings.PG_PORT, "6543",
                Settings.QUERY_PORT, "9092",
                Settings.JAVA_OPTS, "  -Xmx1g   -XX:+UseG1GC ",
                Settings.COMMAND_JAVA_OPTS, " -Xmn32m  -XX:SurvivorRatio=6",
                Settings.QUERY_JAVA_OPTS, " ",
                Settings.DATASOURCE_URL, "jdbc:postgresql://db:5432/veltrix"));

        assertEquals(Path.of("/srv/veltrix/postgres"), settings.postgresDataDir());
        assertEquals(Path.of("/srv/veltrix/veltrix-secrets.properties"), settings.secretsFile());
        assertEquals(6543, settings.postgresPort());
        assertEquals(9092, settings.queryPort());
        assertEquals(List.of("-Xmx1g", "-XX:+UseG1GC"), settings.javaOpts());
        assertEquals(List.of("-Xmx1g", "-XX:+UseG1GC", "-Xmn32m", "-XX:SurvivorRatio=6"), settings.commandServiceJavaOpts());
        assertEquals(List.of(), settings.queryJavaOpts());
        assertEquals(List.of("-Xmx1g", "-XX:+UseG1GC"), settings.queryServiceJavaOpts());
        assertFalse(settings.embeddedDatabase());
    }

    @Test
    void verboseComesFromTheEnvironment() {
        assertFalse(Settings.from(Map.of()).verbose());
        assertTrue(Settings.from(Map.of(Settings.VERBOSE, "1")).verbose());
        assertTrue(Settings.from(Map.of(Settings.VERBOSE, "true")).verbose());
        assertFalse(Settings.from(Map.of(Settings.VERBOSE, "0")).verbose());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Settings.from(Map.of(Settings.VERBOSE, "loud")));
        assertTrue(e.getMessage().contains(Settings.VERBOSE));
    }

    @Test
    void serviceLogsLiveInTheDataDirectory() {
        Settings settings = Settings.from(Map.of(Settings.DATA_DIR, "/srv/veltrix"));

        assertEquals(Path.of("/srv/veltrix/logs/command.log"), settings.serviceLog("command"));
        assertEquals(Path.of("/srv/veltrix/logs/query.log"), settings.serviceLog("query"));
    }

    @Test
    void rejectsNonsenseWithTheKnobsName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Settings.from(Map.of(Settings.COMMAND_PORT, "eighty")));
        assertTrue(e.getMessage().contains(Settings.COMMAND_PORT));
        assertThrows(IllegalArgumentException.class, () -> Settings.from(Map.of(Settings.PG_PORT, "70000")));
    }

    @Test
    void thePlayerPageReachesTheCommandServiceOnThisLaunchsPorts() {
        Settings settings = Settings.from(Map.of(Settings.COMMAND_PORT, "9091", Settings.QUERY_PORT, "9092"));

        assertEquals(Map.of(Settings.WEB_COMMAND_URL, "http://localhost:9091",
                Settings.WEB_ALLOWED_ORIGINS, "http://localhost:9092"), settings.pageRouting(Map.of()));
        assertEquals(Map.of(Settings.WEB_ALLOWED_ORIGINS, "http://localhost:9092"),
                settings.pageRouting(Map.of(Settings.WEB_COMMAND_URL, "")));
    }
}
