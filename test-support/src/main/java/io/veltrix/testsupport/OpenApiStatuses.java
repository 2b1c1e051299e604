package io.veltrix.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Compares the statuses a service was seen answering ({@link ObservedStatuses}) with its OpenAPI
 * document: each answer to an operation the document describes must be among that operation's
 * responses. Answers to paths or methods the document does not describe (probes of paths that do
 * not exist, methods an endpoint does not take) are no operation's and are left out.
 */
public final class OpenApiStatuses {

    private OpenApiStatuses() {
    }

    /** "METHOD /template: status" for each status seen but not documented, sorted, once each. */
    public static List<String> undocumented(JsonNode document, List<ObservedStatuses.Observed> observed) {
        List<Map.Entry<Pattern, String>> templates = new ArrayList<>();
        for (Iterator<String> names = document.path("paths").fieldNames(); names.hasNext(); ) {
            String template = names.next();
            String regex = "\\Q" + template.replaceAll("\\{[^/}]+}", "\\\\E[^/]+\\\\Q") + "\\E";
            templates.add(Map.entry(Pattern.compile(regex), template));
        }
        // a literal path wins over a template that also matches it (/api/hunts/x/players vs /api/hunts/{huntId})
        templates.sort((a, b) -> Long.compare(b.getValue().chars().filter(c -> c == '/').count()
                - b.getValue().chars().filter(c -> c == '{').count(),
                a.getValue().chars().filter(c -> c == '/').count() - a.getValue().chars().filter(c -> c == '{').count()));
        TreeSet<String> missing = new TreeSet<>();
        for (ObservedStatuses.Observed answer : observed) {
            for (Map.Entry<Pattern, String> template : templates) {
                if (!template.getKey().matcher(answer.path()).matches()) {
                    continue;
                }
                JsonNode operation = document.path("paths").path(template.getValue()).path(answer.method().toLowerCase());
                if (!operation.isMissingNode()
                        && !operation.path("responses").has(Integer.toString(answer.status()))) {
                    missing.add(answer.method() + " " + template.getValue() + ": " + answer.status());
                }
                break;
            }
        }
        return List.copyOf(missing);
    }
}
