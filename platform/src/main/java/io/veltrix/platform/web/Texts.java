package io.veltrix.platform.web;

import static io.veltrix.api.rule.RuleViolation.invalid;

/**
 * Checks free text from requests before it goes anywhere: bounded length, no control characters
 * (PostgreSQL rejects NUL), no unpaired surrogates (not encodable as UTF-8), no bidi controls (an
 * embedded U+202E shows a hunt name, riddle or reason on the board and in the audit trail reversed
 * from what was stored: text that reads differently from what it is).
 *
 * <p>Not Bean Validation: {@code @Size}/{@code @NotBlank} would cover the length alone, the
 * character rules would still be custom constraints, and its error messages would need mapping to
 * the same problem+json answers that a rule violation already gets.
 */
public final class Texts {

    private Texts() {
    }

    /** A required text of 1..max characters. */
    public static String required(String field, String value, int max, boolean multiline) {
        if (value == null || value.isBlank()) {
            throw invalid("invalid-field", "'" + field + "' is required");
        }
        return optional(field, value, max, multiline);
    }

    /** An optional text (null allowed) of at most max characters. */
    public static String optional(String field, String value, int max, boolean multiline) {
        if (value == null) {
            return null;
        }
        if (value.codePointCount(0, value.length()) > max) {
            throw invalid("invalid-field", "'" + field + "' is longer than " + max + " characters");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
                continue;
            }
            if (Character.isSurrogate(c)) {
                throw invalid("invalid-field", "'" + field + "' holds an unpaired surrogate");
            }
            boolean allowedControl = multiline && (c == '\n' || c == '\r' || c == '\t');
            if (Character.isISOControl(c) && !allowedControl) {
                throw invalid("invalid-field", "'" + field + "' holds a control character");
            }
            if (isBidiControl(c)) {
                throw invalid("invalid-field", String.format(
                        "'%s' holds a bidirectional control character (U+%04X)", field, (int) c));
            }
        }
        return value;
    }

    /**
     * The text without Unicode's Bidi_Control characters (null stays null): for text that is matched
     * and never shown, such as answers and join codes, where a keyboard's invisible direction mark
     * must not make a right answer wrong, and cannot make anything read differently.
     */
    public static String withoutBidiControls(String value) {
        if (value == null) {
            return null;
        }
        StringBuilder kept = null;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (isBidiControl(c)) {
                if (kept == null) {
                    kept = new StringBuilder(value.length()).append(value, 0, i);
                }
            } else if (kept != null) {
                kept.append(c);
            }
        }
        return kept == null ? value : kept.toString();
    }

    /** Unicode's Bidi_Control characters: marks, embeddings, overrides and isolates. */
    private static boolean isBidiControl(char c) {
        return c == '\u061C' || c == '\u200E' || c == '\u200F'
                || (c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069');
    }
}
