package io.veltrix.query;

import io.veltrix.platform.security.ClientAddressDetails;
import io.veltrix.platform.security.DeviceCredentialFilter;
import io.veltrix.platform.security.DeviceCredentials;
import io.veltrix.platform.security.PlayerTokenCache;
import io.veltrix.platform.security.PlayerTokenFilter;
import io.veltrix.platform.security.ProblemSecurityHandlers;
import io.veltrix.platform.security.RevocationLogPruner;
import io.veltrix.platform.security.Roles;
import io.veltrix.platform.web.ClientAddresses;
import io.veltrix.query.play.PlayPage;
import io.veltrix.query.player.PlayerViews;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import java.util.regex.Pattern;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.header.writers.DelegatingRequestMatcherHeaderWriter;
import org.springframework.security.web.header.writers.StaticHeadersWriter;

/**
 * Who may read what: boards, hunts, the live page, the player page, the console's page (its data
 * needs staff credentials), join posters and their QR codes and docs are public; a player view
 * needs the player's Bearer token or an organizer of the hunt (checked per hunt and player in the
 * controller, with {@code HuntStaff}); a team's join QR code a member's token (checked per team
 * in the controller); the CSV export and the list of a hunt's players are for the
 * hunt's organizers; the audit trail for auditors (and admins); projection replays for admins and
 * the configured organizer. Staff use HTTP Basic (the configured accounts and the organizer
 * accounts, platform's StaffDirectory), and get a device credential in a header once a login is
 * accepted. Stateless: no session, no cookies, hence no CSRF token.
 */
@Configuration
class QuerySecurity {

    /** The HTML pages: the hunts list, a hunt's big screen and its join poster. */
    private static final Pattern PAGES = Pattern.compile("/(index\\.html|hunt\\.html|hunts/[^/]+|poster\\.html|hunts/[^/]+/poster)?");
    /** The player page and the organizers' console, which also post to the command service. */
    private static final Pattern PLAY_PAGES = Pattern.compile("/(play\\.html|play/[^/]+|console|console\\.html)");
    static final String PAGE_POLICY = pagePolicy("");

    private static String pagePolicy(String alsoConnectTo) {
        return "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
                + " connect-src 'self'" + (alsoConnectTo.isEmpty() ? "" : " " + alsoConnectTo) + ";"
                + " object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
    }

    private static boolean isPage(HttpServletRequest request) {
        return PAGES.matcher(request.getRequestURI()).matches();
    }

    private static boolean isPlayPage(HttpServletRequest request) {
        return PLAY_PAGES.matcher(request.getRequestURI()).matches();
    }

    /** Deletes revoked tokens' entries no instance's cache can still need, on a schedule. */
    @Bean
    RevocationLogPruner revocationLogPruner(PlayerViews playerViews,
            @Value("${veltrix.security.player-token-revocation-retention}") Duration retention) {
        return new RevocationLogPruner(playerViews, retention);
    }

    /** Players' tokens, for the security chain and the player view's hot path. */
    @Bean
    PlayerTokenCache playerTokenCache(PlayerViews playerViews,
            @Value("${veltrix.security.player-token-cache-size}") long playerTokenCacheSize,
            @Value("${veltrix.security.player-token-revocation-poll}") Duration revocationPoll) {
        return new PlayerTokenCache(playerViews, playerViews, playerTokenCacheSize, revocationPoll);
    }

    @Bean
    SecurityFilterChain querySecurityChain(HttpSecurity http, PlayerTokenCache playerTokens,
            @Value("${veltrix.web.command-url}") String commandUrl,
                                           ProblemSecurityHandlers problems, ClientAddresses clientAddresses,
                                           DeviceCredentials devices)
            throws Exception {
        return http
                .csrf(AbstractHttpConfigurer::disable)
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(AbstractHttpConfigurer::disable)
                // the pages load only their own scripts, styles and streams, are framed by nobody
                // and tell other sites nothing about where their visitors came from
                .headers(headers -> headers
                        .addHeaderWriter(new DelegatingRequestMatcherHeaderWriter(QuerySecurity::isPage,
                                new StaticHeadersWriter("Content-Security-Policy", PAGE_POLICY)))
                        .addHeaderWriter(new DelegatingRequestMatcherHeaderWriter(QuerySecurity::isPage,
                                new StaticHeadersWriter("Referrer-Policy", "no-referrer")))
                        // the player page keeps a player's token, the console a staff password (in memory):
                        // they may post to the command service, nowhere else
                        .addHeaderWriter(new DelegatingRequestMatcherHeaderWriter(QuerySecurity::isPlayPage,
                                new StaticHeadersWriter("Content-Security-Policy",
                                        pagePolicy(PlayPage.originOf(commandUrl)))))
                        .addHeaderWriter(new DelegatingRequestMatcherHeaderWriter(QuerySecurity::isPlayPage,
                                new StaticHeadersWriter("Referrer-Policy", "no-referrer"))))
                // failed staff logins are counted per client address, behind our proxies too
                .httpBasic(basic -> basic.authenticationEntryPoint(problems)
                        .authenticationDetailsSource(new ClientAddressDetails(clientAddresses)))
                .exceptionHandling(e -> e.authenticationEntryPoint(problems).accessDeniedHandler(problems))
                .addFilterBefore(new PlayerTokenFilter(playerTokens, problems), BasicAuthenticationFilter.class)
                // a staff client whose login was accepted gets a device credential, which spares its later
                // logins the lockout of an address it may share with others
                .addFilterAfter(new DeviceCredentialFilter(devices), BasicAuthenticationFilter.class)
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers("/api/audit/**").hasAnyRole(Roles.AUDITOR, Roles.ADMIN)
                        // a replay rebuilds every hunt's read model: the configured organizer's, not an organizer account's
                        .requestMatchers("/api/admin/projections/**").hasAnyRole(Roles.ADMIN, Roles.OPERATOR)
                        .requestMatchers(HttpMethod.GET, "/api/admin/organizers").hasRole(Roles.ADMIN)
                        .requestMatchers(HttpMethod.GET, "/api/staff/me").hasAnyRole(Roles.ORGANIZER, Roles.AUDITOR, Roles.ADMIN)
                        .requestMatchers(HttpMethod.GET, "/api/hunts/*/leaderboard.csv", "/api/hunts/*/players",
                                "/api/hunts/*/organizers")
                        .hasAnyRole(Roles.ORGANIZER, Roles.ADMIN)
                        // a team's code is its members' secret: only a member's own token (checked per team in the controller)
                        .requestMatchers(HttpMethod.POST, "/api/hunts/*/teams/*/join-qr.svg").hasRole(Roles.PLAYER)
                        .requestMatchers(HttpMethod.GET, "/api/hunts/*/players/*")
                        .hasAnyRole(Roles.PLAYER, Roles.ORGANIZER, Roles.AUDITOR, Roles.ADMIN)
                        .requestMatchers(HttpMethod.GET, "/", "/index.html", "/hunts/*", "/hunt.html", "/assets/**",
                                "/favicon.ico", "/play/*", "/play.html", "/console", "/console.html", "/hunts/*/poster",
                                "/poster.html", "/api/hunts/*/join-qr.svg", "/api/web-config", "/api/hunts",
                                "/api/hunts/*", "/api/hunts/*/leaderboard", "/api/hunts/*/leaderboard/stream",
                                "/api/hunts/*/leaderboard/history",
                                "/api/hunts/*/checkpoints", "/api/hunts/*/checkpoints/*", "/api/checkpoints/key",
                                "/v3/api-docs/**", "/v3/api-docs.yaml", "/swagger-ui/**",
                                "/swagger-ui.html", "/actuator/health", "/actuator/health/**", "/actuator/info")
                        .permitAll()
                        // metrics and every other management endpoint: the admin only
                        .requestMatchers("/actuator/**").hasRole(Roles.ADMIN)
                        .requestMatchers("/api/admin/dead-letters/**").hasRole(Roles.ADMIN)
                        .requestMatchers("/error").permitAll()
                        .anyRequest().authenticated())
                .build();
    }
}
