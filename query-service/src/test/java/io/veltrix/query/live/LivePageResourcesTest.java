package io.veltrix.query.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.veltrix.query.QueryTestBase;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The pages open on a big screen without anyone logged in: everything they load answers 200
 * anonymously, and they name their icon, since a browser otherwise asks for /favicon.ico (a 404).
 */
class LivePageResourcesTest extends QueryTestBase {

    private static final Pattern REFERENCE = Pattern.compile("(?:href|src)=\"([^\"]+)\"");
    private static final Pattern ICON = Pattern.compile("<link rel=\"icon\" href=\"([^\"]+)\"");

    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "/hunts/any-hunt"})
    void everythingThePageLoadsAnswers200Anonymously(String page) throws Exception {
        HttpResponse<String> html = get(page);
        assertThat(html.statusCode()).isEqualTo(200);

        List<String> references = REFERENCE.matcher(html.body()).results().map(m -> m.group(1)).toList();
        assertThat(references).contains("/assets/live.css");
        for (String reference : references) {
            assertThat(get(reference).statusCode()).as(reference).isEqualTo(200);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "/hunts/any-hunt"})
    void thePageNamesAnIconThatIsServedAsSvg(String page) throws Exception {
        Matcher icon = ICON.matcher(get(page).body());
        assertThat(icon.find()).as("a <link rel=\"icon\"> on " + page).isTrue();

        HttpResponse<String> svg = get(icon.group(1));
        assertThat(svg.statusCode()).isEqualTo(200);
        assertThat(svg.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("image/svg+xml"));
        assertThat(svg.body()).contains("<svg");
    }
}
