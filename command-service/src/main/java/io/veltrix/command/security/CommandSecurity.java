package io.veltrix.command.security;

import io.veltrix.command.player.PlayerTables;
import io.veltrix.platform.security.ClientAddressDetails;
import io.veltrix.platform.security.DeviceCredentialFilter;
import io.veltrix.platform.security.DeviceCredentials;
import io.veltrix.platform.security.PlayerTokenCache;
import io.veltrix.platform.security.PlayerTokenFilter;
import io.veltrix.platform.security.ProblemSecurityHandlers;
import io.veltrix.platform.security.RevocationLogPruner;
import io.veltrix.platform.security.Roles;
import io.veltrix.platform.web.ClientAddresses;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;

/**
 * Who may do what on the command side: organizers (or admins) run hunts and correct players,
 * anyone registers, players act only as themselves with their Bearer token, admins open organizer
 * accounts. Which organizers may act on which hunt is decided per hunt by {@code HuntOrganizers}.
 */
@Configuration(proxyBeanMethods = false)
public class CommandSecurity {

    /** One cache of player tokens for the security filter chain and the hot path ({@code HotPathFilter}). */
    @Bean
    PlayerTokenCache playerTokenCache(PlayerTables playerTables,
            @Value("${veltrix.security.player-token-cache-size}") long playerTokenCacheSize,
            @Value("${veltrix.security.player-token-revocation-poll}") Duration revocationPoll) {
        return new PlayerTokenCache(playerTables, playerTables, playerTokenCacheSize, revocationPoll);
    }

    /** Deletes revoked tokens' entries no instance's cache can still need, on a schedule. */
    @Bean
    RevocationLogPruner revocationLogPruner(PlayerTables playerTables,
            @Value("${veltrix.security.player-token-revocation-retention}") Duration retention) {
        return new RevocationLogPruner(playerTables, retention);
    }

    @Bean
    SecurityFilterChain api(HttpSecurity http, PlayerTokenCache playerTokens, ProblemSecurityHandlers problems,
                            ClientAddresses clientAddresses, DeviceCredentials devices) throws Exception {
        String[] staff = {Roles.ORGANIZER, Roles.ADMIN};
        http.csrf(AbstractHttpConfigurer::disable)
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                // failed staff logins are counted per client address, behind our proxies too
                .httpBasic(basic -> basic.authenticationEntryPoint(problems)
                        .authenticationDetailsSource(new ClientAddressDetails(clientAddresses)))
                .exceptionHandling(e -> e.authenticationEntryPoint(problems).accessDeniedHandler(problems))
                .addFilterBefore(new PlayerTokenFilter(playerTokens, problems),
                        BasicAuthenticationFilter.class)
                // a staff client whose login was accepted gets a device credential, which spares its later
                // logins the lockout of an address it may share with others
                .addFilterAfter(new DeviceCredentialFilter(devices), BasicAuthenticationFilter.class)
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers("/actuator/health/**", "/actuator/health", "/actuator/info",
                                "/v3/api-docs/**", "/v3/api-docs.yaml", "/swagger-ui/**", "/swagger-ui.html", "/error")
                        .permitAll()
                        // metrics and every other management endpoint: the admin only
                        .requestMatchers("/actuator/**").hasRole(Roles.ADMIN)
                        .requestMatchers(HttpMethod.POST, "/api/hunts/*/players", "/api/hunts/*/teams",
                                "/api/hunts/*/teams/*/members").permitAll()
                        .requestMatchers(HttpMethod.POST, "/api/hunts/*/finds", "/api/hunts/*/hints/*",
                                "/api/hunts/*/teams/*/members/*/remove")
                        .hasRole(Roles.PLAYER)
                        .requestMatchers(HttpMethod.POST, "/api/hunts", "/api/hunts/*/clues", "/api/hunts/*/edit",
                                "/api/hunts/*/clues/*/edit", "/api/hunts/*/clues/*/remove", "/api/hunts/*/publish",
                                "/api/hunts/*/start", "/api/hunts/*/end", "/api/hunts/*/freeze", "/api/hunts/*/join-code",
                                "/api/hunts/*/players/*/disqualify", "/api/hunts/*/players/*/reinstate",
                                "/api/hunts/*/players/*/adjustments", "/api/hunts/*/players/*/tokens/revoke",
                                "/api/hunts/*/organizers", "/api/hunts/*/organizers/*/remove", "/api/hunts/*/teams/*/disqualify",
                                "/api/hunts/*/teams/*/reinstate", "/api/hunts/*/teams/*/adjustments").hasAnyRole(staff)
                        .requestMatchers(HttpMethod.POST, "/api/admin/organizers", "/api/admin/organizers/**")
                        .hasRole(Roles.ADMIN)
                        // an organizer account's own password; the configured accounts' live in configuration
                        .requestMatchers(HttpMethod.POST, "/api/organizers/me/password").hasRole(Roles.ORGANIZER)
                        .anyRequest().authenticated());
        return http.build();
    }
}
