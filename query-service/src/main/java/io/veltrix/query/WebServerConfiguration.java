package io.veltrix.query;

import java.util.Arrays;
import org.eclipse.jetty.io.ArrayByteBufferPool;
import org.eclipse.jetty.io.ByteBufferPool;
import org.eclipse.jetty.server.ConnectionFactory;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.embedded.jetty.JettyServletWebServerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;

/**
 * The query service serves on Jetty: a board stream is an open asynchronous request for as long as
 * a spectator watches, and Jetty holds such a request for a fraction of Tomcat's per-request
 * buffers (measured with 2,000 streams: about 65 MB of live heap on Jetty, Tomcat ran out of a
 * 256 MB heap). Declaring the factory makes Spring Boot's Tomcat back off; the axon-defaults
 * profile, the out-of-the-box baseline, keeps Tomcat. Boot's {@code server.jetty.*} properties
 * still apply to this factory.
 */
@Configuration(proxyBeanMethods = false)
@Profile("!axon-defaults")
class WebServerConfiguration {

    @Bean
    JettyServletWebServerFactory jettyServletWebServerFactory(
            @Value("${veltrix.http.buffer-pool-bucket-size}") int bucketSize) {
        JettyServletWebServerFactory factory = new JettyServletWebServerFactory();
        factory.addServerCustomizers(server -> useBoundedHeapBufferPool(server, bucketSize),
                server -> server.setErrorHandler(new ProblemJettyErrorHandler()));
        return factory;
    }

    /**
     * Per-connection memory, for thousands of spectators. Jetty's default buffer pool keeps every buffer ever released and finds a free one by a linear
     * scan; with thousands of open streams each holding a buffer, every write scanned thousands of
     * entries (a profile of the board fan-out: the largest cost by far). A pool of at most
     * {@code bucketSize} buffers per size bounds the scan; past it, buffers are plain heap
     * allocations the young collector takes back. Heap buffers also keep all of it inside -Xmx.
     */
    private static void useBoundedHeapBufferPool(Server server, int bucketSize) {
        ByteBufferPool pool = new ArrayByteBufferPool(0, -1, -1, bucketSize);
        for (Connector connector : server.getConnectors()) {
            if (!(connector instanceof ServerConnector old)) {
                continue;
            }
            ConnectionFactory[] factories = old.getConnectionFactories().toArray(ConnectionFactory[]::new);
            Arrays.stream(factories).filter(HttpConnectionFactory.class::isInstance)
                    .map(f -> ((HttpConnectionFactory) f).getHttpConfiguration())
                    .forEach(http -> {
                        http.setUseInputDirectByteBuffers(false);
                        http.setUseOutputDirectByteBuffers(false);
                        // Each connection's parser kept a header-field cache of ~21 KB (a char trie):
                        // 7,000 keep-alive connections of spectators held ~150 MB of it (histogram)
                        http.setHeaderCacheSize(0);
                    });
            ServerConnector replacement = new ServerConnector(server, null, null, pool,
                    old.getAcceptors(), old.getSelectorManager().getSelectorCount(), factories);
            replacement.setHost(old.getHost());
            replacement.setPort(old.getPort());
            replacement.setIdleTimeout(old.getIdleTimeout());
            replacement.setShutdownIdleTimeout(old.getShutdownIdleTimeout());
            server.removeConnector(old);
            server.addConnector(replacement);
        }
    }
}
