package io.veltrix.bench;

import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * What a find's or a registration's answer means for the report. An overloaded command service
 * sheds with 503 (or 429) + Retry-After, fast and before doing any work: that is counted as shed,
 * apart from errors. A 429 for too many wrong answers ({@code "outcome":"LOCKED_OUT"}) or for a
 * player over the per-player submission rate ({@code problems/rate-limited}) carries a Retry-After
 * too, but it is the hunt's rules speaking, not the service's capacity.
 */
enum Answer {
    /** 2xx. */
    ACCEPTED,
    /** 503/429 + Retry-After: the service refused the request for lack of capacity. */
    SHED,
    /** 429, the player is locked out of a clue after too many wrong answers. */
    LOCKED_OUT,
    /** 429 of the per-player submission limit (the generator paces players under it). */
    RATE_LIMITED,
    /** 5xx without Retry-After (or not a shed 503): an error. */
    SERVER_ERROR,
    /** Anything else the scenario does not expect: an error. */
    UNEXPECTED;

    /** When no Retry-After can be read from the header, a client waits this long. */
    static final long DEFAULT_RETRY_AFTER_MILLIS = 1000;

    static Answer classify(int status, String retryAfter, String body) {
        if (status >= 200 && status < 300) {
            return ACCEPTED;
        }
        String text = body == null ? "" : body;
        if (status == 429 && text.contains("LOCKED_OUT")) {
            return LOCKED_OUT;
        }
        if (status == 429 && text.contains("rate-limited")) {
            return RATE_LIMITED;
        }
        if ((status == 503 || status == 429) && retryAfter != null && !retryAfter.isBlank()) {
            return SHED;
        }
        if (status == 429) {
            return RATE_LIMITED;
        }
        return status >= 500 ? SERVER_ERROR : UNEXPECTED;
    }

    /**
     * How long a Retry-After asks to wait: delta-seconds or an HTTP-date (RFC 9110); unreadable or
     * missing gives {@link #DEFAULT_RETRY_AFTER_MILLIS}, a date in the past gives 0.
     */
    static long retryAfterMillis(String value, long nowEpochMillis) {
        if (value == null || value.isBlank()) {
            return DEFAULT_RETRY_AFTER_MILLIS;
        }
        String v = value.trim();
        if (v.chars().allMatch(Character::isDigit)) {
            try {
                return Math.multiplyExact(Long.parseLong(v), 1000L);
            } catch (ArithmeticException | NumberFormatException e) {
                return DEFAULT_RETRY_AFTER_MILLIS;
            }
        }
        try {
            long at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant().toEpochMilli();
            return Math.max(0, at - nowEpochMillis);
        } catch (DateTimeParseException e) {
            return DEFAULT_RETRY_AFTER_MILLIS;
        }
    }
}
