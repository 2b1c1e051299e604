package io.veltrix.command.web;

import io.veltrix.platform.security.DeviceCredentials;
import io.veltrix.platform.web.FilterOrder;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;
import org.springframework.web.filter.CorsFilter;

/**
 * The player page and the organizer console are served by the query service, so a browser posts
 * registrations, teams created and joined, finds and hints (the player page) and the staff's
 * commands (the console: hunts, co-organizers, accounts and passwords) to this service from
 * another origin. Only the origins in {@code veltrix.web.allowed-origins} may,
 * only on those endpoints, and without credentials: players send a Bearer token the page keeps,
 * staff a Basic header the console builds from what they typed (and the device credential it keeps,
 * which the page reads from an answer and sends as a header of its own), never a cookie or credentials the
 * browser keeps on its own (a 401 never challenges for Basic), so a page on an allowed origin can do
 * nothing a script holding the token or the password could not, and a page elsewhere nothing at all.
 *
 * <p>The filter runs before the hot path ({@code HotPathFilter}), which answers finds,
 * registrations, team creations and joins without the rest of the stack and would otherwise answer
 * without the CORS headers. It runs after admission control and the database-outage guard: their
 * 503s reach the page as a failed request, which it retries with the same Idempotency-Key as it
 * retries a dropped connection.
 */
@Configuration(proxyBeanMethods = false)
public class PageCors {

    static final List<String> PLAYER_ENDPOINTS = List.of(
            "/api/hunts/*/players", "/api/hunts/*/finds", "/api/hunts/*/hints/*",
            "/api/hunts/*/teams", "/api/hunts/*/teams/*/members");
    static final List<String> CONSOLE_ENDPOINTS = List.of(
            "/api/hunts", "/api/hunts/*/clues", "/api/hunts/*/edit", "/api/hunts/*/clues/*/edit",
            "/api/hunts/*/clues/*/remove", "/api/hunts/*/publish", "/api/hunts/*/start", "/api/hunts/*/end",
            "/api/hunts/*/freeze", "/api/hunts/*/join-code", "/api/hunts/*/players/*/disqualify",
            "/api/hunts/*/players/*/reinstate", "/api/hunts/*/players/*/adjustments",
            "/api/hunts/*/teams/*/disqualify", "/api/hunts/*/teams/*/reinstate", "/api/hunts/*/teams/*/adjustments",
            "/api/hunts/*/organizers", "/api/hunts/*/organizers/*/remove", "/api/organizers/me/password",
            "/api/admin/organizers", "/api/admin/organizers/*/disable", "/api/admin/organizers/*/enable",
            "/api/admin/organizers/*/password");
    /** A preflight answer is kept by the browser this long (seconds): one preflight per endpoint per phone. */
    private static final long PREFLIGHT_MAX_AGE_SECONDS = 600;

    @Bean
    public FilterRegistrationBean<CorsFilter> pageCorsFilter(
            @Value("${veltrix.web.allowed-origins}") List<String> allowedOrigins) {
        var registration = new FilterRegistrationBean<CorsFilter>(new PageOnlyCorsFilter(source(allowedOrigins)));
        registration.setOrder(FilterOrder.PAGE_CORS);
        return registration;
    }

    /**
     * Only a request with an {@code Origin} header is a page's: one without (an app, a script, a
     * load of finds) is left alone, without matching its path against every pattern above (one
     * regular expression each, an eighth of the request threads' CPU on the hot path under load,
     * JFR) and without the {@code Vary} headers, which matter only for answers a cache keeps (none
     * of these: they are {@code no-store}).
     */
    static final class PageOnlyCorsFilter extends CorsFilter {

        PageOnlyCorsFilter(UrlBasedCorsConfigurationSource source) {
            super(source);
        }

        @Override
        protected boolean shouldNotFilter(HttpServletRequest request) {
            return request.getHeader(HttpHeaders.ORIGIN) == null;
        }
    }

    static UrlBasedCorsConfigurationSource source(List<String> allowedOrigins) {
        List<String> origins = allowedOrigins.stream().map(String::trim).filter(o -> !o.isEmpty()).toList();
        for (String origin : origins) {
            if (origin.contains("*")) {
                // a wildcard would let any site's page drive a player or staff member whose secret it got hold of
                throw new IllegalStateException("veltrix.web.allowed-origins must list origins, not patterns: " + origin);
            }
        }
        CorsConfiguration config = new CorsConfiguration();
        config.setAllowedOrigins(origins);
        config.setAllowedMethods(List.of("POST"));
        config.setAllowedHeaders(List.of(HttpHeaders.AUTHORIZATION, HttpHeaders.CONTENT_TYPE, "Idempotency-Key",
                DeviceCredentials.HEADER));
        config.setExposedHeaders(List.of(HttpHeaders.RETRY_AFTER, DeviceCredentials.HEADER));
        config.setAllowCredentials(false);
        config.setMaxAge(PREFLIGHT_MAX_AGE_SECONDS);
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        PLAYER_ENDPOINTS.forEach(path -> source.registerCorsConfiguration(path, config));
        CONSOLE_ENDPOINTS.forEach(path -> source.registerCorsConfiguration(path, config));
        return source;
    }
}
