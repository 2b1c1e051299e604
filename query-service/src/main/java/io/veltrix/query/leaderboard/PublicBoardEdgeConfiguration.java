package io.veltrix.query.leaderboard;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/** Puts {@link PublicBoardEdge} ahead of every other filter, on the hunts' paths only. */
@Configuration
class PublicBoardEdgeConfiguration {

    @Bean
    FilterRegistrationBean<PublicBoardEdge> publicBoardEdge(BoardPages pages, MeterRegistry registry) {
        var registration = new FilterRegistrationBean<>(new PublicBoardEdge(pages, Integer.parseInt(BoardPages.DEFAULT_LIMIT), registry));
        registration.addUrlPatterns("/api/hunts/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }
}
