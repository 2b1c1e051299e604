package io.veltrix.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The console's and the player page's scripts are native modules importing one another: every
 * module either page reaches answers anonymously, as JavaScript (a browser refuses to run a module
 * served as anything else), with the headers every other asset gets; the page itself loads them
 * through one module script and no inline script, which its policy would refuse; and no module in
 * the page's folder is left unloaded.
 */
class PageModulesTest extends QueryTestBase {

    private static final Pattern SCRIPT = Pattern.compile("<script([^>]*)>");
    private static final Pattern SOURCE = Pattern.compile("src=\"([^\"]+)\"");
    private static final Pattern IMPORT = Pattern.compile("(?m)^import [^'\\n]*'([^']+)';$");

    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @ParameterizedTest
    @CsvSource({"/console, /assets/console/main.js, /assets/console.css",
            "/play/some-hunt, /assets/play/main.js, /assets/play.css"})
    void everyModuleThePageReachesIsServedAnonymouslyAsJavaScriptLikeItsOtherAssets(String page, String entry,
            String stylesheet) throws Exception {
        String html = get(page).body();
        List<String> scripts = SCRIPT.matcher(html).results().map(m -> m.group(1)).toList();
        assertThat(scripts).as("one module script on " + page + ", none inline")
                .containsExactly(" type=\"module\" src=\"" + entry + "\"");

        HttpResponse<String> css = get(stylesheet);
        assertThat(css.statusCode()).isEqualTo(200);
        Set<String> reached = new LinkedHashSet<>();
        Deque<String> toRead = new ArrayDeque<>(List.of(entry));
        while (!toRead.isEmpty()) {
            String module = toRead.pop();
            if (!reached.add(module)) {
                continue;
            }
            HttpResponse<String> script = get(module);
            assertThat(script.statusCode()).as(module).isEqualTo(200);
            assertThat(script.headers().firstValue("Content-Type")).as(module)
                    .hasValueSatisfying(type -> assertThat(type).startsWith("text/javascript"));
            for (String header : List.of("Cache-Control", "X-Content-Type-Options", "Content-Security-Policy")) {
                assertThat(script.headers().allValues(header)).as(module + " " + header)
                        .isEqualTo(css.headers().allValues(header));
            }
            IMPORT.matcher(script.body()).results()
                    .map(m -> URI.create(module).resolve(m.group(1)).getPath())
                    .forEach(toRead::add);
        }
        String folder = entry.substring(0, entry.lastIndexOf('/') + 1);
        List<String> pageModules;
        try (Stream<Path> files = Files.list(Path.of(getClass().getResource("/static" + folder).toURI()))) {
            pageModules = files.map(file -> folder + file.getFileName()).toList();
        }
        assertThat(reached).as("the modules " + page + " loads: all of its own, and the shared ones")
                .containsAll(pageModules)
                .contains("/assets/shared/requests.js", "/assets/shared/elements.js");
    }
}
