package io.veltrix.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.veltrix.testsupport.HttpProbe;
import io.veltrix.testsupport.ObservedStatuses;
import io.veltrix.testsupport.OpenApiStatuses;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * The OpenAPI document is a client's contract: it names the service, its two ways to log in and
 * the problem answer, and lists every status the suite saw an endpoint answer. It runs after every
 * other test of the module (junit-platform.properties orders classes), so what they sent counts.
 */
@Order(Integer.MAX_VALUE)
class OpenApiDocumentTest extends QueryTestBase {

    /** The whole document, as staff read it (anyone else gets the public operations only). */
    private JsonNode document() throws Exception {
        HttpProbe.Reply reply = new HttpProbe(port).send("GET", "/v3/api-docs", null, ApiClient.ADMIN);
        assertThat(reply.status()).isEqualTo(200);
        return new ObjectMapper().readTree(reply.body());
    }

    @Test
    void theDocumentNamesTheServiceItsLoginsAndTheProblemAnswer() throws Exception {
        JsonNode document = document();
        assertThat(document.at("/info/title").asText()).isEqualTo("Veltrix query service");
        assertThat(document.at("/components/securitySchemes/staff/scheme").asText()).isEqualTo("basic");
        assertThat(document.at("/components/securitySchemes/player/scheme").asText()).isEqualTo("bearer");
        assertThat(document.at("/components/schemas/Problem/properties").has("detail")).isTrue();
        JsonNode csv = document.at("/paths/~1api~1hunts~1{huntId}~1leaderboard.csv/get");
        assertThat(csv.at("/responses/401/content/application~1problem+json/schema/$ref").asText())
                .isEqualTo("#/components/schemas/Problem");
        assertThat(csv.at("/security/0").has("staff")).isTrue();
        assertThat(document.at("/paths/~1api~1hunts/get/security").isMissingNode()).as("public").isTrue();
    }

    @Test
    void everyStatusTheSuiteSawIsDocumented() throws Exception {
        assertThat(ObservedStatuses.all()).as("the suite's answers were recorded").hasSizeGreaterThan(100);
        assertThat(OpenApiStatuses.undocumented(document(), ObservedStatuses.all()))
                .as("statuses the services answered that their OpenAPI document does not list").isEmpty();
    }
}
