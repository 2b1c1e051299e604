package io.veltrix.command.hotpath;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.veltrix.command.player.FindController;
import io.veltrix.command.player.PlayerRegistrationController;
import io.veltrix.command.team.TeamController;
import io.veltrix.platform.security.PlayerTokenCache;
import io.veltrix.platform.web.ApiProblems;
import io.veltrix.platform.web.FilterOrder;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Registers the {@link HotPathFilter} after the guards and the player page's CORS, ahead of the request observation ({@link FilterOrder}). */
@Configuration(proxyBeanMethods = false)
public class HotPathSetup {

    @Bean
    public FilterRegistrationBean<HotPathFilter> hotPathFilter(
            FindController finds, PlayerRegistrationController registrations, TeamController teams,
            PlayerTokenCache tokens, ObjectMapper json, ApiProblems problems, MeterRegistry meters, @Value("${veltrix.http.hot-path:true}") boolean enabled) {
        var registration = new FilterRegistrationBean<>(
                new HotPathFilter(finds, registrations, teams, tokens, json, problems, meters));
        registration.setOrder(FilterOrder.HOT_PATHS);
        registration.setEnabled(enabled);
        return registration;
    }
}
