package io.veltrix.platform.eventstore;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Axon's update checker calls a vendor host at start and writes under ~/.axoniq. It reads only a
 * JVM system property or an environment variable, so this sets the property before Axon starts
 * unless the user chose otherwise ({@code veltrix.axon-update-checker=true} turns it back on).
 */
public class UpdateCheckerOff implements EnvironmentPostProcessor {

    static final String AXON_KEY = "axoniq.update-checker.disabled";
    static final String CONSOLE_BANNER_KEY = "disable-axoniq-console-message";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        boolean wanted = environment.getProperty("veltrix.axon-update-checker", Boolean.class, false);
        if (System.getProperty(AXON_KEY) == null) {
            System.setProperty(AXON_KEY, Boolean.toString(!wanted));
        }
        // The console advert banner is noise in our logs.
        if (System.getProperty(CONSOLE_BANNER_KEY) == null) {
            System.setProperty(CONSOLE_BANNER_KEY, "true");
        }
    }
}
