package io.veltrix.platform.web;

import static io.veltrix.api.rule.RuleViolation.invalid;

/**
 * Checks free text from requests before it goes anywhere: bounded length, no control characters
 * (PostgreSQL rejects NUL), no unpaired surrogates (not encodable as UTF-8).
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
        }
        return value;
    }
}
