package io.veltrix.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class AnswerTest {

    private static final String OVERLOADED = "{\"type\":\"https://veltrix.io/problems/overloaded\",\"status\":503}";
    private static final String LOCKED_OUT = "{\"type\":\"https://veltrix.io/problems/locked-out\",\"status\":429,"
            + "\"outcome\":\"LOCKED_OUT\",\"retryAfterSeconds\":30}";
    private static final String RATE_LIMITED = "{\"type\":\"https://veltrix.io/problems/rate-limited\",\"status\":429}";

    @Test
    void a503Or429WithRetryAfterIsShed() {
        assertEquals(Answer.SHED, Answer.classify(503, "1", OVERLOADED));
        assertEquals(Answer.SHED, Answer.classify(429, "2", "{\"type\":\"https://veltrix.io/problems/overloaded\"}"));
        assertEquals(Answer.SHED, Answer.classify(503, "Wed, 21 Oct 2026 07:28:00 GMT", ""));
    }

    @Test
    void aLockoutIsADomainOutcomeEvenWithRetryAfter() {
        assertEquals(Answer.LOCKED_OUT, Answer.classify(429, "30", LOCKED_OUT));
        assertEquals(Answer.RATE_LIMITED, Answer.classify(429, "1", RATE_LIMITED));
        assertEquals(Answer.RATE_LIMITED, Answer.classify(429, null, ""));
    }

    @Test
    void serverErrorsWithoutRetryAfterAreErrors() {
        assertEquals(Answer.SERVER_ERROR, Answer.classify(500, null, "{}"));
        assertEquals(Answer.SERVER_ERROR, Answer.classify(503, null, OVERLOADED));
        assertEquals(Answer.SERVER_ERROR, Answer.classify(500, "1", "{}"));
        assertEquals(Answer.UNEXPECTED, Answer.classify(400, null, "{}"));
        assertEquals(Answer.ACCEPTED, Answer.classify(200, null, "{\"outcome\":\"FOUND\"}"));
    }

    @Test
    void retryAfterIsSecondsOrAnHttpDate() {
        long now = java.time.Instant.parse("2026-10-21T07:28:00Z").toEpochMilli();
        assertEquals(2000, Answer.retryAfterMillis(" 2 ", now));
        assertEquals(5000, Answer.retryAfterMillis("Wed, 21 Oct 2026 07:28:05 GMT", now));
        assertEquals(0, Answer.retryAfterMillis("Wed, 21 Oct 2026 07:27:00 GMT", now));
        assertEquals(Answer.DEFAULT_RETRY_AFTER_MILLIS, Answer.retryAfterMillis("soon", now));
        assertEquals(Answer.DEFAULT_RETRY_AFTER_MILLIS, Answer.retryAfterMillis(null, now));
    }
}
