package io.veltrix.launcher;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ServiceProcessTest {

    private static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();

    @Test
    void childThatDiesDuringStartupFailsFastWithItsExitCode() throws Exception {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(captured, true, StandardCharsets.UTF_8);
        ServiceProcess child = ServiceProcess.start("probe",
                List.of(JAVA, "-cp", "/nonexistent", "NoSuchMain"), Map.of(), out);

        long started = System.nanoTime();
        ServiceProcess.StartupException e = assertThrows(ServiceProcess.StartupException.class,
                () -> child.awaitHealthy(URI.create("http://localhost:1/actuator/health"), Duration.ofSeconds(60)));

        assertTrue(e.getMessage().contains("probe exited with code 1"), e.getMessage());
        assertTrue(System.nanoTime() - started < TimeUnit.SECONDS.toNanos(30), "did not wait for the timeout");
        child.onExit().get(5, TimeUnit.SECONDS);
        Thread.sleep(200); // let the output pump drain
        assertTrue(captured.toString(StandardCharsets.UTF_8).contains("[probe] Error: Could not find or load main class"),
                captured.toString(StandardCharsets.UTF_8));
    }
}
