package io.veltrix.platform.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.veltrix.platform.security.StaffAccounts.StaffAccountsRefused;
import io.veltrix.testsupport.TestStaff;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.password.NoOpPasswordEncoder;

/** Staff accounts refuse to start with missing, example or weak passwords, naming the variable only. */
@ExtendWith(OutputCaptureExtension.class)
class StaffAccountsTest {

    private static final Path ENV_EXAMPLE = Path.of("..", ".env.example");

    private static Map<String, String> strong() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("veltrix.organizer.user", "organizer");
        env.put("veltrix.organizer.password", TestStaff.ORGANIZER_PASSWORD);
        env.put("veltrix.auditor.user", "auditor");
        env.put("veltrix.auditor.password", TestStaff.AUDITOR_PASSWORD);
        env.put("veltrix.admin.user", "admin");
        env.put("veltrix.admin.password", TestStaff.ADMIN_PASSWORD);
        return env;
    }

    private static void start(Map<String, String> properties) {
        MockEnvironment env = new MockEnvironment();
        properties.forEach(env::setProperty);
        StaffAccounts.fromEnvironment(env, NoOpPasswordEncoder.getInstance());
    }

    @Test
    void strongPasswordsStart() {
        start(strong());
        start(Map.of("veltrix.organizer.user", "o", "veltrix.organizer.password", "kR8#vQ2!mZ5pX",
                "veltrix.auditor.user", "a", "veltrix.auditor.password", "correct horse battery staple",
                "veltrix.admin.user", "x", "veltrix.admin.password", "A7kP2mQ9wE4rT6yU8iO0"));
    }

    @Test
    void thePasswordsOfEnvExampleAreRefusedNamingTheVariableNotThePassword() throws IOException {
        Map<String, String> env = strong();
        List<String> examples = Files.readAllLines(ENV_EXAMPLE).stream()
                .filter(line -> line.matches("VELTRIX_(ORGANIZER|AUDITOR|ADMIN)_(USER|PASSWORD)=.*")).toList();
        assertThat(examples).hasSize(6);
        for (String line : examples) {
            String[] pair = line.split("=", 2);
            env.put(pair[0].toLowerCase().replaceFirst("_", ".").replace('_', '.'), pair[1]);
        }
        String password = env.get("veltrix.admin.password");
        assertThatThrownBy(() -> start(env))
                .isInstanceOf(StaffAccountsRefused.class)
                .hasMessageContaining("VELTRIX_ORGANIZER_PASSWORD is the example value from .env.example")
                .hasMessageContaining("VELTRIX_AUDITOR_PASSWORD is the example value")
                .hasMessageContaining("VELTRIX_ADMIN_PASSWORD is the example value")
                .hasMessageContaining("at least 12 characters")
                .hasMessageNotContaining(password)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void shortCommonSimpleAndUserNamePasswordsAreRefused() {
        Map<String, String> weak = Map.of(
                "org-secret", "is shorter than 12 characters",
                "o", "is shorter than 12 characters",
                "Password123!", "is made of common words",
                "organizer-secret", "is made of common words or the user name",
                "ORGANIZER-2026", "is made of common words or the user name",
                "aaaaaaaaaaaaaaaa", "repeats fewer than 5 different characters",
                "123412341234", "repeats fewer than 5 different characters",
                "1234567890123", "is a run of keys or letters",
                "qwertyuiopas", "is a run of keys or letters",
                "ChangeMe-please-2026", "is the example value");
        weak.forEach((password, reason) -> {
            Map<String, String> env = strong();
            env.put("veltrix.organizer.password", password);
            assertThatThrownBy(() -> start(env)).as(password)
                    .isInstanceOf(StaffAccountsRefused.class)
                    .hasMessageContaining("VELTRIX_ORGANIZER_PASSWORD " + reason)
                    .hasMessageNotContaining("VELTRIX_ADMIN_PASSWORD");
        });
        Map<String, String> env = strong();
        env.put("veltrix.auditor.user", "auditor-on-duty");
        env.put("veltrix.auditor.password", "Auditor-On-Duty");
        assertThatThrownBy(() -> start(env)).hasMessageContaining("VELTRIX_AUDITOR_PASSWORD is the user name");
    }

    @Test
    void missingAccountsAreNamed() {
        Map<String, String> env = strong();
        env.remove("veltrix.admin.password");
        assertThatThrownBy(() -> start(env)).isInstanceOf(StaffAccountsRefused.class)
                .hasMessageContaining("VELTRIX_ADMIN_PASSWORD");
    }

    @Test
    void aServiceWithAWeakPasswordStopsAtStartWithThatLineAndNoStackTrace(CapturedOutput output) {
        SpringApplication service = new SpringApplication(StaffOnly.class);
        service.setWebApplicationType(WebApplicationType.NONE);
        Map<String, Object> properties = new LinkedHashMap<>(strong());
        properties.put("veltrix.admin.password", "admin");
        service.setDefaultProperties(properties);

        assertThatThrownBy(service::run).hasRootCauseInstanceOf(StaffAccountsRefused.class);
        assertThat(output.getAll())
                .contains("APPLICATION FAILED TO START")
                .contains("Veltrix refuses to start with weak staff passwords: VELTRIX_ADMIN_PASSWORD is shorter than 12 characters")
                .doesNotContain("at io.veltrix.platform.security.StaffAccounts");
    }

    /** Just the staff accounts, as each service creates them. */
    @Configuration(proxyBeanMethods = false)
    static class StaffOnly {
        @Bean
        UserDetailsService staffAccounts(Environment env) {
            return StaffAccounts.fromEnvironment(env, NoOpPasswordEncoder.getInstance());
        }
    }
}
