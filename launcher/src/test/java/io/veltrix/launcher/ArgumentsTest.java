package io.veltrix.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ArgumentsTest {

    @Test
    void noArgumentsMeansQuietConsole() {
        assertEquals(new Arguments(false, false, false), Arguments.parse());
    }

    @Test
    void verboseAndHelpAreRecognized() {
        assertEquals(new Arguments(true, false, false), Arguments.parse("--verbose"));
        assertEquals(new Arguments(false, true, false), Arguments.parse("--help"));
        assertEquals(new Arguments(true, true, false), Arguments.parse("-v", "-h"));
    }

    @Test
    void theEventStoreMigrationIsAModeOfItsOwn() {
        assertEquals(new Arguments(false, false, true), Arguments.parse("--migrate-event-store"));
    }

    @Test
    void theVerboseFlagIsTheEnvironmentVariable() {
        assertTrue(Settings.from(Arguments.parse("--verbose").applyTo(Map.of())).verbose());
        assertTrue(Settings.from(Arguments.parse("--verbose").applyTo(Map.of(Settings.VERBOSE, "0"))).verbose());
        assertFalse(Settings.from(Arguments.parse().applyTo(Map.of())).verbose());
        assertTrue(Settings.from(Arguments.parse().applyTo(Map.of(Settings.VERBOSE, "1"))).verbose());
    }

    @Test
    void anUnknownArgumentIsRejectedWithTheUsageOnOneLine() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Arguments.parse("--verbose", "--port=9000"));

        assertTrue(e.getMessage().contains("'--port=9000'"), e.getMessage());
        assertTrue(e.getMessage().contains(Arguments.USAGE), e.getMessage());
        assertTrue(e.getMessage().lines().count() == 1, e.getMessage());
    }
}
