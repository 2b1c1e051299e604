package io.veltrix.query.player;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.veltrix.platform.security.PlayerTokenCache;
import io.veltrix.platform.web.ApiProblems;
import io.veltrix.platform.web.FilterOrder;
import io.veltrix.query.replay.ProjectionReplays;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Registers the {@link PlayerViewHotPath} inside the database-outage filter and the other request checks, before the request observation and security ({@link FilterOrder}). */
@Configuration(proxyBeanMethods = false)
class PlayerViewHotPathSetup {

    @Bean
    FilterRegistrationBean<PlayerViewHotPath> playerViewHotPath(PlayerViews views, PlayerTokenCache tokens,
            ProjectionReplays replays, ObjectMapper json, ApiProblems problems, MeterRegistry meters,
            @Value("${veltrix.http.hot-path:true}") boolean enabled) {
        var registration = new FilterRegistrationBean<>(
                new PlayerViewHotPath(views, tokens, replays, json, problems, meters));
        registration.setOrder(FilterOrder.HOT_PATHS);
        registration.setEnabled(enabled);
        return registration;
    }
}
