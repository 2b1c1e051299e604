package io.veltrix.command.hunt;

import static io.veltrix.api.rule.RuleViolation.invalid;

import io.veltrix.platform.web.Texts;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Join codes as organizers hand them out and players type them: compared after the same
 * normalization as answers (case, width and spacing ignored), {@value #MIN_LENGTH}..{@value #MAX_LENGTH}
 * characters.
 */
public final class JoinCodes {

    static final int MIN_LENGTH = 4;
    static final int MAX_LENGTH = 64;

    private JoinCodes() {
    }

    /** The normalized code, null when none was given; or a 400. */
    public static String clean(String raw) {
        String code = Texts.optional("joinCode", Texts.withoutBidiControls(raw), MAX_LENGTH, false);
        if (code == null) {
            return null;
        }
        String normalized = Answers.normalize(code);
        if (normalized.codePointCount(0, normalized.length()) < MIN_LENGTH) {
            throw invalid("invalid-join-code", "a join code has " + MIN_LENGTH + " to " + MAX_LENGTH + " characters");
        }
        return normalized;
    }

    /** The normalized code a player presented, null for none; any length within bounds (a wrong one is a 403). */
    public static String presented(String raw) {
        String code = Texts.optional("joinCode", Texts.withoutBidiControls(raw), MAX_LENGTH, false);
        return code == null ? null : Answers.normalize(code);
    }

    /** Whether the presented code's hash is the hunt's, in time independent of where they differ. */
    public static boolean matches(String huntsHash, String presentedHash) {
        return presentedHash != null && MessageDigest.isEqual(huntsHash.getBytes(StandardCharsets.US_ASCII),
                presentedHash.getBytes(StandardCharsets.US_ASCII));
    }
}
