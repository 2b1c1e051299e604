package io.veltrix.command.player;

import static io.veltrix.api.rule.RuleViolation.invalid;

import io.veltrix.command.hunt.Answers;
import java.text.Normalizer;
import java.util.regex.Pattern;

/** Player handles: 3..32 characters of letters, digits, spaces and {@code . _ -}, unique per hunt ignoring case. */
public final class Handles {

    static final int MIN_LENGTH = 3;
    static final int MAX_LENGTH = 32;
    private static final Pattern ALLOWED = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{M}\\p{N} ._-]*");
    private static final Pattern SPACES = Pattern.compile(" {2,}");

    private Handles() {
    }

    /** The handle as it is stored and shown: NFKC, trimmed, inner spaces collapsed; or a 400. */
    public static String clean(String raw) {
        if (raw == null) {
            throw invalid("invalid-handle", "a handle is required");
        }
        String handle = SPACES.matcher(Normalizer.normalize(raw, Normalizer.Form.NFKC).strip()).replaceAll(" ");
        int length = handle.codePointCount(0, handle.length());
        if (length < MIN_LENGTH || length > MAX_LENGTH) {
            throw invalid("invalid-handle", "a handle has " + MIN_LENGTH + " to " + MAX_LENGTH + " characters");
        }
        if (!ALLOWED.matcher(handle).matches()) {
            throw invalid("invalid-handle",
                    "a handle starts with a letter or digit and holds only letters, digits, spaces and . _ -");
        }
        return handle;
    }

    /** The uniqueness key: case-folded. */
    static String key(String handle) {
        return Answers.caseFold(handle);
    }
}
