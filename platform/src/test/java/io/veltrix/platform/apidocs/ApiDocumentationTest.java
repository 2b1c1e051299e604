package io.veltrix.platform.apidocs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.Paths;
import io.swagger.v3.oas.models.parameters.HeaderParameter;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.veltrix.testsupport.ObservedStatuses.Observed;
import io.veltrix.testsupport.OpenApiStatuses;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Each operation gets the error statuses its kind can answer, as problems, and the comparison with
 * what a suite observed reports exactly the statuses an operation's entry lacks.
 */
class ApiDocumentationTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void eachOperationGetsTheStatusesItsKindCanAnswerAsProblems() {
        Operation read = new Operation().responses(new ApiResponses().addApiResponse("200", new ApiResponse()));
        Operation command = new Operation()
                .responses(new ApiResponses().addApiResponse("201", new ApiResponse())
                        .addApiResponse("409", new ApiResponse().description("not a draft")))
                .requestBody(new RequestBody())
                .addParametersItem(new HeaderParameter().name("Idempotency-Key"))
                .addSecurityItem(new SecurityRequirement().addList(ApiDocumentation.STAFF));
        OpenAPI api = new OpenAPI().paths(new Paths()
                .addPathItem("/api/hunts", new PathItem().get(read))
                .addPathItem("/api/hunts/{huntId}/clues", new PathItem().post(command)));

        new ApiDocumentation("Veltrix test service", "for a test").customise(api);

        assertThat(api.getInfo().getTitle()).isEqualTo("Veltrix test service");
        assertThat(api.getComponents().getSecuritySchemes()).containsKeys("staff", "player");
        assertThat(read.getResponses()).containsOnlyKeys("200", "400", "401", "406", "429", "503");
        assertThat(command.getResponses()).containsOnlyKeys("201", "400", "401", "403", "404", "406", "409", "413",
                "415", "422", "429", "503");
        assertThat(command.getResponses().get("409").getDescription()).isEqualTo("not a draft");
        assertThat(command.getResponses().get("409").getContent()).containsOnlyKeys("application/problem+json");
        assertThat(command.getResponses().get("503").getHeaders()).containsKey("Retry-After");
        assertThat(command.getResponses().get("201").getContent()).isNull();
    }

    @Test
    void theComparisonReportsWhatAnOperationLacksAndNothingElse() throws Exception {
        JsonNode document = JSON.readTree("""
                {"paths": {
                  "/api/hunts/{huntId}": {"get": {"responses": {"200": {}, "404": {}}}},
                  "/api/hunts/{huntId}/players": {"get": {"responses": {"200": {}}}},
                  "/api/hunts": {"post": {"responses": {"201": {}}}}}}""");
        List<Observed> seen = List.of(
                new Observed("GET", "/api/hunts/h1", 404),
                new Observed("GET", "/api/hunts/h1/players", 403),
                new Observed("GET", "/api/hunts/h1/players", 200),
                new Observed("POST", "/api/hunts", 422),
                new Observed("DELETE", "/api/hunts", 405),
                new Observed("GET", "/nowhere", 404));

        assertThat(OpenApiStatuses.undocumented(document, seen))
                .containsExactly("GET /api/hunts/{huntId}/players: 403", "POST /api/hunts: 422");
    }
}
