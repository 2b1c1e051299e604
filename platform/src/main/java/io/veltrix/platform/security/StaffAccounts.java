package io.veltrix.platform.security;

import java.util.ArrayList;
import java.util.List;
import org.springframework.core.env.Environment;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;

/**
 * The organizer, auditor and admin accounts, read from {@code VELTRIX_<ROLE>_USER} and
 * {@code VELTRIX_<ROLE>_PASSWORD}. Passwords are kept only as hashes. A missing account stops the
 * service at start: the embedded launcher generates them, every other setup must name them.
 */
public final class StaffAccounts {

    private StaffAccounts() {
    }

    public static InMemoryUserDetailsManager fromEnvironment(Environment env, PasswordEncoder encoder) {
        List<UserDetails> users = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (String role : List.of(Roles.ORGANIZER, Roles.AUDITOR, Roles.ADMIN)) {
            String prefix = "veltrix." + role.toLowerCase() + ".";
            String user = env.getProperty(prefix + "user");
            String password = env.getProperty(prefix + "password");
            if (isBlank(user)) {
                missing.add("VELTRIX_" + role + "_USER");
            }
            if (isBlank(password)) {
                missing.add("VELTRIX_" + role + "_PASSWORD");
            }
            if (!isBlank(user) && !isBlank(password)) {
                users.add(User.withUsername(user).password(encoder.encode(password)).roles(role).build());
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalStateException("Veltrix refuses to start without staff accounts; set " + missing
                    + " (the embedded launcher run.sh generates them for you)");
        }
        return new InMemoryUserDetailsManager(users);
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
