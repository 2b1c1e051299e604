package io.veltrix.command.organizer;

import static io.veltrix.api.rule.RuleViolation.invalid;

import io.veltrix.platform.security.StaffPasswords;
import io.veltrix.platform.web.Texts;
import java.nio.charset.StandardCharsets;

/**
 * The rules every organizer account's password passes, at creation, at an admin's reset and at
 * the organizer's own change: those of the configured staff passwords, and no more than BCrypt reads.
 */
final class OrganizerPasswords {

    /** BCrypt reads no more than 72 bytes of a password; a longer one would be cut silently. */
    static final int MAX_PASSWORD_BYTES = 72;

    private OrganizerPasswords() {
    }

    /** The password in {@code field} if it is strong enough for the account {@code username}; 400 otherwise. */
    static String require(String field, String username, String password) {
        String checked = Texts.required(field, password, MAX_PASSWORD_BYTES, false);
        if (checked.getBytes(StandardCharsets.UTF_8).length > MAX_PASSWORD_BYTES) {
            throw invalid("invalid-password", "'" + field + "' is longer than " + MAX_PASSWORD_BYTES + " bytes in UTF-8");
        }
        // the reason names the rule, never the password
        StaffPasswords.weakness(username, checked).ifPresent(reason -> {
            throw invalid("weak-password", "'" + field + "' " + reason + "; at least " + StaffPasswords.MIN_LENGTH
                    + " characters that are not common words, the user name or runs of keys");
        });
        return checked;
    }
}
