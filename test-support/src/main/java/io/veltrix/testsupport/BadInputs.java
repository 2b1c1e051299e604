package io.veltrix.testsupport;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * A corpus of hostile requests, built as tables (bodies × endpoints, values × fields, ids × paths,
 * content types × endpoints) rather than written one by one, and its check against a running
 * service: no answer is a 5xx, every 4xx is problem+json, and no 4xx leaves an event behind.
 */
public final class BadInputs {

    /** One request of the corpus; {@code headers} are name/value pairs. */
    public record Case(String method, String path, String body, List<String> headers) {

        public static Case of(String method, String path, String body, String... headers) {
            return new Case(method, path, body, List.of(headers));
        }

        @Override
        public String toString() {
            String shownBody = body == null ? "(no body)" : body.length() > 160
                    ? body.substring(0, 160) + "… (" + body.length() + " chars)" : body;
            StringBuilder shownHeaders = new StringBuilder();
            for (int i = 0; i < headers.size(); i += 2) {
                String value = headers.get(i + 1);
                shownHeaders.append(' ').append(headers.get(i)).append(": ")
                        .append(value.length() > 60 ? value.substring(0, 60) + "… (" + value.length() + " chars)" : value);
            }
            return method + " " + (path.length() > 160 ? path.substring(0, 160) + "…" : path) + shownHeaders + " " + shownBody;
        }
    }

    /** Bodies that are not the JSON object an endpoint reads, or are too big to read. */
    public static final List<String> MALFORMED_BODIES = List.of(
            "", " ", "{", "}", "{\"a\":", "[", "[]", "[1,2]", "null", "true", "42", "\"text\"",
            "{\"a\":1,}", "{'a':1}", "{a:1}", "{\"a\":1}{\"b\":2}", "{\"a\":1} trailing", "/* comment */ {}",
            "\uFEFF{}", "{\"a\":NaN}", "{\"a\":Infinity}", "{\"a\":01}", "{\"a\":\"\\x41\"}", "{\"a\":\"\\uZZZZ\"}",
            "{\"a\":\"unterminated}", "\u0000", "[".repeat(5_000) + "]".repeat(5_000),
            "{\"a\":".repeat(2_000) + "1" + "}".repeat(2_000),
            "{\"huge\":\"" + "x".repeat(100_000) + "\"}",
            "{" + "\"k\":1,".repeat(3_000) + "\"k\":2}");

    /**
     * JSON values put in place of a field's: boundaries of every number, wrong types, and strings
     * at the edges of Unicode (bidi controls, zero-width, a lone surrogate, NUL).
     */
    public static final List<String> HOSTILE_VALUES = List.of(
            "0", "-1", "2147483647", "-2147483648", "2147483648", "-2147483649", "9223372036854775808",
            "1e309", "-1e309", "1.5", "1e2", "-0", "1" + "0".repeat(400), "\"NaN\"", "\"Infinity\"", "\"-1\"",
            "true", "null", "[]", "{}", "[\"a\",1,null]",
            "\"\"", "\" \"", "\"\\u202Eevil\\u202C\"", "\"a\\u200Bb\\u200D\"", "\"\\uD800\"", "\"\\uDC00x\"",
            "\"nul\\u0000byte\"", "\"line\\nbreak\\ttab\"", "\"\uD83D\uDE00 e\u0301\"", "\"" + "w".repeat(5_000) + "\"",
            "\"1970-01-01T00:00:00Z\"", "\"+999999999-12-31T23:59:59Z\"", "\"2026-13-45T99:99:99Z\"");

    /** Path ids that are no id the service hands out. */
    public static final List<String> HOSTILE_IDS = List.of(
            "not-a-uuid", "00000000-0000-0000-0000-000000000000", "x".repeat(300), "%00", "%2e%2e", "..%2Fadmin",
            "%E2%80%AEdi", "%E2%80%8B", "%F0%9F%98%80", "%ED%A0%80", "%FF", "a;b=c", "%20", "'%20OR%201=1--",
            "-1", "2147483648");

    /** Content types the JSON endpoints do not read; the empty one sends none. */
    public static final List<String> WRONG_CONTENT_TYPES = List.of(
            "text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/xml",
            "application/json; charset=ISO-8859-1", "application/json; charset=nonsense", "garbage", "*/*", "");

    /** Headers over every size limit, or with content the service must not choke on. */
    public static final Map<String, String> HOSTILE_HEADERS = hostileHeaders();

    private static Map<String, String> hostileHeaders() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("X-Padding", "p".repeat(20_000));
        headers.put("Authorization", "Bearer " + "t".repeat(20_000));
        headers.put("Idempotency-Key", "k".repeat(5_000));
        headers.put("Accept", "application/xml");
        headers.put("Accept-Language", "x".repeat(3_000));
        // a staff device credential that is none: the login is judged as one without
        headers.put("Veltrix-Device", "vxd1.." + "d".repeat(4_000));
        return headers;
    }

    private BadInputs() {
    }

    /** A JSON object with the given fields, each value a raw JSON text. */
    public static String object(Map<String, String> fields) {
        StringBuilder json = new StringBuilder("{");
        fields.forEach((name, value) -> {
            if (json.length() > 1) {
                json.append(',');
            }
            json.append('"').append(name).append("\":").append(value);
        });
        return json.append('}').toString();
    }

    /** {@code valid} with each field in turn replaced by each hostile value, and with an unknown field. */
    public static List<String> variants(Map<String, String> valid) {
        List<String> bodies = new ArrayList<>();
        for (String field : valid.keySet()) {
            for (String value : HOSTILE_VALUES) {
                Map<String, String> body = new LinkedHashMap<>(valid);
                body.put(field, value);
                bodies.add(object(body));
            }
        }
        Map<String, String> unknown = new LinkedHashMap<>(valid);
        unknown.put("unexpected", "1");
        bodies.add(object(unknown));
        return bodies;
    }

    /**
     * Sends every case in order and lists each that broke a rule, with its request: a 5xx, a 4xx
     * that is not problem+json, or a 4xx after which {@code events} counts otherwise than before.
     */
    public static List<String> failures(HttpProbe probe, List<Case> cases, LongSupplier events) {
        List<String> failures = new ArrayList<>();
        for (Case request : cases) {
            long before = events.getAsLong();
            HttpProbe.Reply reply;
            try {
                reply = probe.send(request.method(), request.path(), request.body(),
                        request.headers().toArray(String[]::new));
            } catch (IllegalStateException unanswered) {
                failures.add(request + " → no answer: " + unanswered.getMessage());
                continue;
            }
            int status = reply.status();
            if (status >= 500) {
                failures.add(request + " → " + status + " " + shorten(reply.body()));
            } else if (status >= 400) {
                if (!reply.isProblem()) {
                    failures.add(request + " → " + status + " as " + reply.contentType() + ", not problem+json: "
                            + shorten(reply.body()));
                }
                long after = events.getAsLong();
                if (after != before) {
                    failures.add(request + " → " + status + " but " + (after - before) + " event(s) appended");
                }
            }
        }
        return failures;
    }

    private static String shorten(String body) {
        return body.length() <= 300 ? body : body.substring(0, 300) + "…";
    }
}
