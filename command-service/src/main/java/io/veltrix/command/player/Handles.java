package io.veltrix.command.player;

import static io.veltrix.api.rule.RuleViolation.invalid;

import com.ibm.icu.text.SpoofChecker;
import com.ibm.icu.text.UnicodeSet;
import io.veltrix.command.hunt.Answers;
import java.text.Normalizer;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Player handles: 3..32 characters of letters, digits, spaces and {@code . _ -}, with nothing
 * invisible, unique per hunt ignoring case and look-alike characters (Unicode confusable
 * skeletons, UTS #39). Team names follow the same rules.
 */
public final class Handles {

    static final int MIN_LENGTH = 3;
    static final int MAX_LENGTH = 32;
    private static final Pattern ALLOWED = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{M}\\p{N} ._-]*");
    private static final Pattern SPACES = Pattern.compile(" {2,}");

    /**
     * Characters that render as nothing or only steer rendering: variation selectors (U+FE0F),
     * joiners and zero-width spaces, bidi controls, Hangul fillers (U+3164, U+115F, U+1160,
     * U+FFA0) and the rest of Default_Ignorable_Code_Point, plus every format character (Cf).
     * Some of them are letters or marks, so the pattern above alone would let them pass.
     */
    private static final UnicodeSet INVISIBLE =
            new UnicodeSet("[[:Default_Ignorable_Code_Point:][:Cf:]]").freeze();

    /**
     * Built once, here, and shared: a built checker is immutable and safe for concurrent use.
     * Building it loads ICU's confusables data, about a tenth of a second on a cold JVM, so
     * {@link #load()} is called while the service starts rather than by the first registration.
     */
    private static final SpoofChecker CONFUSABLES =
            new SpoofChecker.Builder().setChecks(SpoofChecker.CONFUSABLE).build();

    private Handles() {
    }

    /** Loads the Unicode data handles are checked with (the class's initializer); called at start-up. */
    static void load() {
        // nothing more to do: calling any method runs the static initializers above
    }

    /** The handle as it is stored and shown: NFKC, trimmed, inner spaces collapsed; or a 400. */
    public static String clean(String raw) {
        return clean(raw, "invalid-handle", "handle");
    }

    /** A team name as it is stored and shown, under the rules of handles; or a 400. */
    public static String cleanTeamName(String raw) {
        return clean(raw, "invalid-team-name", "team name");
    }

    private static String clean(String raw, String problem, String noun) {
        if (raw == null) {
            throw invalid(problem, "a " + noun + " is required");
        }
        String handle = SPACES.matcher(Normalizer.normalize(raw, Normalizer.Form.NFKC).strip()).replaceAll(" ");
        // the character as typed is the one to name (NFKC turns U+3164 into U+1160)
        int invisible = firstInvisible(raw);
        if (invisible < 0) {
            invisible = firstInvisible(handle);
        }
        if (invisible >= 0) {
            throw invalid(problem, String.format(
                    "a " + noun + " cannot hold invisible or formatting characters (U+%04X)", invisible));
        }
        int length = handle.codePointCount(0, handle.length());
        if (length < MIN_LENGTH || length > MAX_LENGTH) {
            throw invalid(problem, "a " + noun + " has " + MIN_LENGTH + " to " + MAX_LENGTH + " characters");
        }
        if (!ALLOWED.matcher(handle).matches()) {
            throw invalid(problem,
                    "a " + noun + " starts with a letter or digit and holds only letters, digits, spaces and . _ -");
        }
        return handle;
    }

    /**
     * The uniqueness keys of a clean handle: two handles collide when they share a key. Handles
     * are case-insensitive, so one key is the skeleton of the case-folded handle; but folding
     * first hides look-alikes that differ in case ({@code I} and {@code l}, {@code 0} and
     * {@code o}), so the other is the folded skeleton of the handle as typed. Both are folded
     * again so that skeletons mapping to capitals ({@code 0 → O}) meet their lower case. Mostly
     * the two are equal and there is one key.
     */
    public static Set<String> keys(String handle) {
        Set<String> keys = new LinkedHashSet<>(2);
        keys.add(Answers.caseFold(CONFUSABLES.getSkeleton(Answers.caseFold(handle))));
        keys.add(Answers.caseFold(CONFUSABLES.getSkeleton(handle)));
        return keys;
    }

    private static int firstInvisible(String text) {
        int at = INVISIBLE.span(text, UnicodeSet.SpanCondition.NOT_CONTAINED);
        return at < text.length() ? text.codePointAt(at) : -1;
    }
}
