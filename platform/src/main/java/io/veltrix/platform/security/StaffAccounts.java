package io.veltrix.platform.security;

import java.util.ArrayList;
import java.util.List;
import org.springframework.core.env.Environment;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;

/**
 * The bootstrap organizer, auditor and admin accounts, read from {@code VELTRIX_<ROLE>_USER} and
 * {@code VELTRIX_<ROLE>_PASSWORD}. Passwords are kept only as hashes. A missing account, or a
 * password {@link StaffPasswords} calls weak, stops the service at start: the embedded launcher
 * generates strong ones, every other setup must name its own.
 */
public final class StaffAccounts {

    private StaffAccounts() {
    }

    public static InMemoryUserDetailsManager fromEnvironment(Environment env, PasswordEncoder encoder) {
        List<UserDetails> users = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        List<String> weak = new ArrayList<>();
        for (String role : List.of(Roles.ORGANIZER, Roles.AUDITOR, Roles.ADMIN)) {
            String prefix = "veltrix." + role.toLowerCase() + ".";
            String user = env.getProperty(prefix + "user");
            String password = env.getProperty(prefix + "password");
            String passwordVariable = "VELTRIX_" + role + "_PASSWORD";
            if (isBlank(user)) {
                missing.add("VELTRIX_" + role + "_USER");
            }
            if (isBlank(password)) {
                missing.add(passwordVariable);
            } else {
                // the reason names the variable, never the password: start-up errors end up in logs
                StaffPasswords.weakness(user, password).ifPresent(reason -> weak.add(passwordVariable + " " + reason));
            }
            if (!isBlank(user) && !isBlank(password)) {
                String[] roles = role.equals(Roles.ORGANIZER) ? new String[] {role, Roles.OPERATOR} : new String[] {role};
                users.add(User.withUsername(user).password(encoder.encode(password)).roles(roles).build());
            }
        }
        if (!missing.isEmpty()) {
            throw new StaffAccountsRefused("Veltrix refuses to start without staff accounts; set " + missing
                    + " (the embedded launcher run.sh generates them for you)");
        }
        if (!weak.isEmpty()) {
            throw new StaffAccountsRefused("Veltrix refuses to start with weak staff passwords: "
                    + String.join("; ", weak) + ". Set each to a secret of your own of at least "
                    + StaffPasswords.MIN_LENGTH + " characters (e.g. the output of `openssl rand -base64 18`),"
                    + " or leave them unset under the embedded launcher run.sh, which generates them");
        }
        return new InMemoryUserDetailsManager(users);
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }

    /** The staff accounts as configured cannot be used; the message says which variable and why. */
    public static final class StaffAccountsRefused extends IllegalStateException {
        StaffAccountsRefused(String message) {
            super(message);
        }
    }
}
