package io.veltrix.command.hunt;

import io.veltrix.platform.web.Texts;
import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Answer normalization: direction marks and other bidirectional controls dropped (invisible, and an
 * answer is never shown), Unicode NFKC, case-folded, trimmed, inner whitespace collapsed.
 */
public final class Answers {

    private static final Pattern WHITESPACE = Pattern.compile("\\s+", Pattern.UNICODE_CHARACTER_CLASS);

    private Answers() {
    }

    public static String normalize(String answer) {
        String folded = caseFold(Normalizer.normalize(Texts.withoutBidiControls(answer), Normalizer.Form.NFKC));
        String collapsed = WHITESPACE.matcher(folded).replaceAll(" ").strip();
        return Normalizer.normalize(collapsed, Normalizer.Form.NFKC);
    }

    /** Upper then lower case approximates Unicode case folding (ß → ss, final sigma → σ). */
    public static String caseFold(String text) {
        return text.toUpperCase(Locale.ROOT).toLowerCase(Locale.ROOT);
    }
}
