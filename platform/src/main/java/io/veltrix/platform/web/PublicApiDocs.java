package io.veltrix.platform.web;

import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.tags.Tag;
import io.veltrix.platform.security.Roles;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.access.WebInvocationPrivilegeEvaluator;

/**
 * The OpenAPI document (and so Swagger UI) as the caller may use it: staff see every operation;
 * everyone else only those that an anonymous caller or a player may call, as the service's own
 * authorization rules decide (so a new staff endpoint is hidden without being listed here), and
 * only the schemas and tags those use. The document is built for each request (springdoc's cache
 * is off): it depends on who asks.
 */
public class PublicApiDocs implements OpenApiCustomizer {

    private static final Set<String> STAFF = Set.of("ROLE_" + Roles.ORGANIZER, "ROLE_" + Roles.AUDITOR,
            "ROLE_" + Roles.ADMIN);
    private static final Pattern PATH_VARIABLE = Pattern.compile("\\{[^}]+}");
    private static final Pattern SCHEMA_REF = Pattern.compile("#/components/schemas/([^\"]+)\"");

    private static final Authentication ANONYMOUS = new AnonymousAuthenticationToken("docs", "anonymous",
            AuthorityUtils.createAuthorityList("ROLE_ANONYMOUS"));
    private static final Authentication PLAYER = UsernamePasswordAuthenticationToken.authenticated("player", null,
            AuthorityUtils.createAuthorityList("ROLE_" + Roles.PLAYER));

    private final ObjectProvider<WebInvocationPrivilegeEvaluator> privileges;

    public PublicApiDocs(ObjectProvider<WebInvocationPrivilegeEvaluator> privileges) {
        this.privileges = privileges;
    }

    @Override
    public void customise(OpenAPI api) {
        if (isStaff(SecurityContextHolder.getContext().getAuthentication()) || api.getPaths() == null) {
            return;
        }
        WebInvocationPrivilegeEvaluator evaluator = privileges.getObject();
        api.getPaths().entrySet().removeIf(path -> {
            String uri = PATH_VARIABLE.matcher(path.getKey()).replaceAll("x");
            PathItem item = path.getValue();
            for (Map.Entry<PathItem.HttpMethod, Operation> operation : item.readOperationsMap().entrySet()) {
                String method = operation.getKey().name();
                if (!evaluator.isAllowed("", uri, method, ANONYMOUS) && !evaluator.isAllowed("", uri, method, PLAYER)) {
                    item.operation(operation.getKey(), null);
                }
            }
            return item.readOperations().isEmpty();
        });
        keepOnlyUsedSchemas(api);
        keepOnlyUsedTags(api);
    }

    static boolean isStaff(Authentication authentication) {
        return authentication != null && authentication.isAuthenticated()
                && authentication.getAuthorities().stream().map(GrantedAuthority::getAuthority).anyMatch(STAFF::contains);
    }

    private static void keepOnlyUsedSchemas(OpenAPI api) {
        if (api.getComponents() == null || api.getComponents().getSchemas() == null) {
            return;
        }
        Set<String> used = new HashSet<>();
        List<String> pending = new java.util.ArrayList<>(references(api.getPaths()));
        while (!pending.isEmpty()) {
            String name = pending.remove(pending.size() - 1);
            if (used.add(name) && api.getComponents().getSchemas().get(name) != null) {
                pending.addAll(references(api.getComponents().getSchemas().get(name)));
            }
        }
        api.getComponents().getSchemas().keySet().retainAll(used);
    }

    private static Set<String> references(Object part) {
        Set<String> names = new HashSet<>();
        try {
            Matcher refs = SCHEMA_REF.matcher(Json.mapper().writeValueAsString(part));
            while (refs.find()) {
                names.add(refs.group(1));
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("an OpenAPI model is always serializable", e);
        }
        return names;
    }

    private static void keepOnlyUsedTags(OpenAPI api) {
        if (api.getTags() == null) {
            return;
        }
        Set<String> used = new HashSet<>();
        api.getPaths().values().forEach(item -> item.readOperations().forEach(operation -> {
            if (operation.getTags() != null) {
                used.addAll(operation.getTags());
            }
        }));
        List<Tag> kept = api.getTags().stream().filter(tag -> used.contains(tag.getName())).toList();
        api.setTags(kept.isEmpty() ? null : new java.util.ArrayList<>(kept));
    }
}
