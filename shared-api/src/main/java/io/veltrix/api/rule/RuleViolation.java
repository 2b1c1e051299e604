package io.veltrix.api.rule;

/**
 * A domain rule said no. Each service maps it once to problem+json: {@link Kind} gives the HTTP
 * status, {@code code} the problem type, the message the human-readable detail (never a secret).
 */
public class RuleViolation extends RuntimeException {

    /** The family of refusal, which decides the HTTP status. */
    public enum Kind {
        INVALID(400), FORBIDDEN(403), NOT_FOUND(404), CONFLICT(409), UNPROCESSABLE(422), TOO_MANY_REQUESTS(429),
        /** Not a rule of the hunt: the service sheds load it could not answer in time. */
        UNAVAILABLE(503);

        public final int status;

        Kind(int status) {
            this.status = status;
        }
    }

    private final Kind kind;
    private final String code;
    private final long retryAfterSeconds;

    public RuleViolation(Kind kind, String code, String message) {
        this(kind, code, message, 0);
    }

    private RuleViolation(Kind kind, String code, String message, long retryAfterSeconds) {
        super(message, null, false, false);
        this.kind = kind;
        this.code = code;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public static RuleViolation tooManyRequests(String code, String message, long retryAfterSeconds) {
        return new RuleViolation(Kind.TOO_MANY_REQUESTS, code, message, retryAfterSeconds);
    }

    public static RuleViolation unavailable(String code, String message, long retryAfterSeconds) {
        return new RuleViolation(Kind.UNAVAILABLE, code, message, retryAfterSeconds);
    }

    public static RuleViolation unprocessable(String code, String message) {
        return new RuleViolation(Kind.UNPROCESSABLE, code, message);
    }

    public static RuleViolation invalid(String code, String message) {
        return new RuleViolation(Kind.INVALID, code, message);
    }

    public static RuleViolation notFound(String code, String message) {
        return new RuleViolation(Kind.NOT_FOUND, code, message);
    }

    public static RuleViolation conflict(String code, String message) {
        return new RuleViolation(Kind.CONFLICT, code, message);
    }

    public static RuleViolation forbidden(String code, String message) {
        return new RuleViolation(Kind.FORBIDDEN, code, message);
    }

    public Kind kind() {
        return kind;
    }

    public String code() {
        return code;
    }

    /** Seconds the client should wait before retrying; 0 when not applicable. */
    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
