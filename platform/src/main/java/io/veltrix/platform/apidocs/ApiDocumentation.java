package io.veltrix.platform.apidocs;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.customizers.OpenApiCustomizer;

/**
 * What both services' OpenAPI documents share: the service's name, the two ways to log in (staff
 * with HTTP Basic, players with their Bearer token; an operation names the one it takes with
 * {@code @SecurityRequirement}), the RFC 9457 problem answer, and the error statuses that every
 * operation of a kind can answer, because filters in front of every controller give them: a
 * malformed request (400), wrong credentials, presented even to a public endpoint (401), a wrong
 * role or a state change from another site's page (403), an Accept it cannot meet (406), the
 * staff-login throttle and per-address limits (429), the database away or load shed (503); an
 * unknown id (404) where the path has one; a body too large or of another type (413, 415) where
 * the operation takes one; an Idempotency-Key reused for another request (422) where it takes one. Statuses particular to an operation (201, 409, a 429 lockout) are in
 * its own annotations. Each service's suite checks the document lists every status it answered.
 */
public class ApiDocumentation implements OpenApiCustomizer {

    public static final String STAFF = "staff";
    public static final String PLAYER = "player";
    public static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    private static final String PROBLEM = "Problem";
    private static final String RETRY_AFTER = "Retry-After";

    private final String title;
    private final String description;

    public ApiDocumentation(String title, String description) {
        this.title = title;
        this.description = description;
    }

    @Override
    public void customise(OpenAPI api) {
        api.info(new Info().title(title).version("1").description(description));
        Components components = api.getComponents() == null ? new Components() : api.getComponents();
        api.components(components);
        components.addSecuritySchemes(STAFF, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("basic")
                .description("organizer, auditor or admin account; a 401 never carries a Basic challenge"));
        components.addSecuritySchemes(PLAYER, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                .bearerFormat("vxp_…").description("the token a registration returned, shown only then"));
        components.addSchemas(PROBLEM, problemSchema());
        components.addHeaders(RETRY_AFTER, new Header().description("seconds to wait before trying again")
                .schema(new IntegerSchema()));
        if (api.getPaths() == null) {
            return;
        }
        api.getPaths().forEach((path, item) -> item.readOperationsMap()
                .forEach((method, operation) -> addCommonAnswers(path, method, operation)));
    }

    private static Schema<?> problemSchema() {
        Schema<?> problem = new ObjectSchema().description("RFC 9457 problem details")
                .addProperty("type", new StringSchema().format("uri")
                        .description("what went wrong, one URI per kind, e.g. https://veltrix.io/problems/hunt-not-found")
                        .example("https://veltrix.io/problems/invalid-field"))
                .addProperty("title", new StringSchema().example("Bad Request"))
                .addProperty("status", new IntegerSchema().example(400))
                .addProperty("detail", new StringSchema().description("a sentence for a person")
                        .example("'name' is required"))
                .addProperty("instance", new StringSchema().format("uri").example("/api/hunts"));
        return problem;
    }

    private static void addCommonAnswers(String path, PathItem.HttpMethod method, Operation operation) {
        ApiResponses responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
        operation.responses(responses);
        boolean secured = operation.getSecurity() != null && !operation.getSecurity().isEmpty();
        problem(responses, "400", "malformed: a query string, parameter, id, header or body the endpoint cannot read");
        problem(responses, "401", "credentials presented and wrong (to a public endpoint too)"
                + (secured ? ", or none where this endpoint needs them" : ""));
        if (secured || method != PathItem.HttpMethod.GET) {
            problem(responses, "403", "not this caller's to do: a wrong role, another player, "
                    + "or a state change sent from another site's page");
        }
        if (path.contains("{")) {
            problem(responses, "404", "no such hunt, player, clue or projection");
        }
        problem(responses, "406", "the Accept header names no type this endpoint produces");
        if (operation.getRequestBody() != null) {
            problem(responses, "413", "the body is larger than the service accepts");
            problem(responses, "415", "the body is not application/json");
        }
        if (operation.getParameters() != null && operation.getParameters().stream()
                .anyMatch(p -> IDEMPOTENCY_KEY.equalsIgnoreCase(p.getName()))) {
            problem(responses, "422", "this Idempotency-Key was used before with another request");
        }
        retryLater(responses, "429", "too many requests from this client: failed staff logins, per-address or per-player limits");
        retryLater(responses, "503", "the database is away or the service sheds load; retry after Retry-After "
                + "(with the same Idempotency-Key for a command)");
        // an operation's own refusals are declared with their description only: every error here is a problem
        responses.forEach((status, response) -> {
            if (status.startsWith("4") || status.startsWith("5")) {
                response.content(problemContent());
            }
        });
    }

    private static void problem(ApiResponses responses, String status, String description) {
        if (!responses.containsKey(status)) {
            responses.addApiResponse(status, new ApiResponse().description(description).content(problemContent()));
        }
    }

    private static void retryLater(ApiResponses responses, String status, String description) {
        problem(responses, status, description);
        ApiResponse response = responses.get(status);
        if (response.getHeaders() == null || !response.getHeaders().containsKey(RETRY_AFTER)) {
            response.addHeaderObject(RETRY_AFTER, new Header().$ref("#/components/headers/" + RETRY_AFTER));
        }
    }

    private static Content problemContent() {
        return new Content().addMediaType("application/problem+json",
                new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM)));
    }
}
