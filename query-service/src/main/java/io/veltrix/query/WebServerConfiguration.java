package io.veltrix.query;

import org.springframework.boot.web.embedded.jetty.JettyServletWebServerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;

/**
 * The query service serves on Jetty: a board stream is an open asynchronous request for as long as
 * a spectator watches, and Jetty holds such a request for a fraction of Tomcat's per-request
 * buffers (measured with 2,000 streams: about 110 MB of live heap on Jetty, Tomcat ran out of a
 * 256 MB heap). Declaring the factory makes Spring Boot's Tomcat back off; the axon-defaults
 * profile, the out-of-the-box baseline, keeps Tomcat. Boot's {@code server.jetty.*} properties
 * still apply to this factory.
 */
@Configuration(proxyBeanMethods = false)
@Profile("!axon-defaults")
class WebServerConfiguration {

    @Bean
    JettyServletWebServerFactory jettyServletWebServerFactory() {
        return new JettyServletWebServerFactory();
    }
}
