package io.veltrix.platform.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import io.veltrix.api.rule.RuleViolation;
import org.axonframework.modelling.command.AggregateNotFoundException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every error of both services as RFC 9457 problem+json, mapped once: rule violations by their
 * kind, unreadable bodies with a message naming the field, the database away as 503 with
 * Retry-After, anything unexpected as 500 without internals.
 */
@RestControllerAdvice
public class ApiProblems extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiProblems.class);
    private static final String TYPE_BASE = "https://veltrix.io/problems/";

    private final ObjectMapper json;
    private final long retryAfterSeconds;

    private static final String DATABASE_UNAVAILABLE = "database-unavailable";
    private static final String DATABASE_UNAVAILABLE_DETAIL = "The database is unavailable; nothing was recorded. Retry later.";

    public ApiProblems(ObjectMapper json, long retryAfterSeconds) {
        this.json = json;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public static ProblemDetail problem(HttpStatusCode status, String type, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(TYPE_BASE + type));
        return problem;
    }

    @ExceptionHandler(RuleViolation.class)
    public ResponseEntity<ProblemDetail> ruleViolated(RuleViolation violation) {
        HttpHeaders headers = new HttpHeaders();
        if (violation.retryAfterSeconds() > 0) {
            headers.set(HttpHeaders.RETRY_AFTER, Long.toString(violation.retryAfterSeconds()));
        }
        return respond(problem(HttpStatus.valueOf(violation.kind().status), violation.code(), violation.getMessage()),
                headers);
    }

    @ExceptionHandler(AggregateNotFoundException.class)
    public ResponseEntity<ProblemDetail> unknownAggregate(AggregateNotFoundException e) {
        return respond(problem(HttpStatus.NOT_FOUND, "not-found", "no such hunt or player"), new HttpHeaders());
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    public ResponseEntity<ProblemDetail> badParameter(MethodArgumentTypeMismatchException e) {
        return respond(problem(HttpStatus.BAD_REQUEST, "invalid-parameter",
                "parameter '" + e.getName() + "' has an invalid value"), new HttpHeaders());
    }

    /** A body declared multipart that is not: no endpoint reads multipart, and it was read before any of them. */
    @ExceptionHandler(MultipartException.class)
    public ResponseEntity<ProblemDetail> unreadableMultipart(MultipartException e) {
        return respond(problem(HttpStatus.BAD_REQUEST, "unreadable-body", "the multipart body could not be read"),
                new HttpHeaders());
    }

    @ExceptionHandler(Exception.class)
    public ResponseEntity<ProblemDetail> unexpected(Exception e) {
        RuleViolation violation = find(e, RuleViolation.class);
        if (violation != null) {
            return ruleViolated(violation);
        }
        AggregateNotFoundException missing = find(e, AggregateNotFoundException.class);
        if (missing != null) {
            return unknownAggregate(missing);
        }
        if (DatabaseUnavailable.isCause(e)) {
            log.warn("database unavailable: {}", e.toString());
            HttpHeaders headers = new HttpHeaders();
            headers.set(HttpHeaders.RETRY_AFTER, Long.toString(retryAfterSeconds));
            return respond(problem(HttpStatus.SERVICE_UNAVAILABLE, DATABASE_UNAVAILABLE, DATABASE_UNAVAILABLE_DETAIL), headers);
        }
        log.error("unexpected failure", e);
        return respond(problem(HttpStatus.INTERNAL_SERVER_ERROR, "internal-error",
                "An unexpected error occurred."), new HttpHeaders());
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        if (find(e, BodyTooLarge.class) != null) {
            return new ResponseEntity<>(problem(HttpStatus.PAYLOAD_TOO_LARGE, "body-too-large",
                    find(e, BodyTooLarge.class).getMessage()), problemHeaders(), HttpStatus.PAYLOAD_TOO_LARGE);
        }
        RuleViolation violation = find(e, RuleViolation.class);
        if (violation != null) {
            return new ResponseEntity<>(ruleViolated(violation).getBody(), problemHeaders(),
                    HttpStatus.valueOf(violation.kind().status));
        }
        return new ResponseEntity<>(problem(HttpStatus.BAD_REQUEST, "unreadable-body", describe(e)),
                problemHeaders(), HttpStatus.BAD_REQUEST);
    }

    private static String describe(HttpMessageNotReadableException e) {
        Throwable cause = e.getCause();
        if (cause instanceof UnrecognizedPropertyException unknown) {
            return "unknown field '" + unknown.getPropertyName() + "'";
        }
        if (cause instanceof ValueInstantiationException) {
            return "invalid request body";
        }
        if (cause instanceof InvalidFormatException || cause instanceof MismatchedInputException) {
            String path = path((JsonMappingException) cause);
            return path.isEmpty() ? "the body does not have the expected shape"
                    : "field '" + path + "' has the wrong type or format";
        }
        if (cause instanceof JsonProcessingException) {
            return "malformed JSON";
        }
        return "a JSON request body is required";
    }

    private static String path(JsonMappingException e) {
        return e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining("."));
    }

    @Override
    protected ResponseEntity<Object> createResponseEntity(Object body, HttpHeaders headers, HttpStatusCode status,
                                                          WebRequest request) {
        HttpHeaders merged = new HttpHeaders();
        merged.putAll(headers);
        merged.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        return new ResponseEntity<>(body, merged, status);
    }

    /** For filters, which run before the MVC advice. */
    public void writeTooLarge(HttpServletRequest request, HttpServletResponse response, long limit) throws IOException {
        write(request, response, HttpStatus.PAYLOAD_TOO_LARGE, "body-too-large", "request body exceeds " + limit + " bytes");
    }

    /** The 503 + Retry-After of a failure {@link DatabaseUnavailable} recognizes, written by a filter. */
    public void writeDatabaseUnavailable(HttpServletRequest request, HttpServletResponse response, Exception e)
            throws IOException {
        log.warn("database unavailable: {}", e.toString());
        response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(retryAfterSeconds));
        write(request, response, HttpStatus.SERVICE_UNAVAILABLE, DATABASE_UNAVAILABLE, DATABASE_UNAVAILABLE_DETAIL);
    }

    /** A problem answer written by a filter, which runs before the MVC advice. */
    public void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String type,
                      String detail) throws IOException {
        ProblemDetail problem = problem(status, type, detail);
        problem.setInstance(URI.create(request.getRequestURI()));
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), problem);
    }

    /**
     * The problem+json text of a request the web server refused before any servlet saw it (a
     * request line or headers it could not read), for its own error page.
     */
    public static String beforeAnyServlet(int status) {
        HttpStatus known = HttpStatus.resolve(status);
        boolean serverSide = status >= 500;
        return "{\"type\":\"" + TYPE_BASE + (serverSide ? "internal-error" : "malformed-request")
                + "\",\"title\":\"" + (known == null ? "Error" : known.getReasonPhrase()) + "\",\"status\":" + status
                + ",\"detail\":\"" + (serverSide ? "An unexpected error occurred."
                : "The request line or its headers could not be read: malformed, or over the size limit.") + "\"}";
    }

    private static ResponseEntity<ProblemDetail> respond(ProblemDetail problem, HttpHeaders headers) {
        headers.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        return new ResponseEntity<>(problem, headers, problem.getStatus());
    }

    private static HttpHeaders problemHeaders() {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        return headers;
    }

    private static <T extends Throwable> T find(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
