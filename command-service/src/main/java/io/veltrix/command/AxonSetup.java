package io.veltrix.command;

import com.github.benmanes.caffeine.jcache.configuration.CaffeineConfiguration;
import com.github.benmanes.caffeine.jcache.spi.CaffeineCachingProvider;
import java.util.OptionalLong;
import javax.cache.CacheManager;
import org.axonframework.common.caching.Cache;
import org.axonframework.common.caching.JCacheAdapter;
import org.axonframework.common.caching.NoCache;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Axon wiring of the command side beyond what application.yml says. */
@Configuration(proxyBeanMethods = false)
public class AxonSetup {

    /**
     * Caffeine's JSR-107 cache manager for the aggregate cache, this application context's own
     * (a provider of its own, not the JVM-wide one: every context names its cache alike), closed
     * with the context.
     */
    @Bean(destroyMethod = "close")
    public CacheManager aggregateCacheManager() {
        return new CaffeineCachingProvider().getCacheManager();
    }

    /**
     * Aggregates stay in memory between commands in a bounded, strongly referenced cache (a weak
     * cache is emptied by every young GC); the event store remains the truth. Caffeine through
     * Axon's {@link JCacheAdapter}, stored by reference: JSR-107 stores by value unless told
     * otherwise, which would copy the aggregate on every command.
     */
    @Bean
    public Cache aggregateCache(CacheManager aggregateCacheManager,
                                @Value("${veltrix.aggregates.cache-size:50000}") long size) {
        if (size <= 0) {
            // Axon's default: no cache, every command reads its aggregate's events again.
            return NoCache.INSTANCE;
        }
        CaffeineConfiguration<Object, Object> configuration = new CaffeineConfiguration<>();
        configuration.setMaximumSize(OptionalLong.of(size));
        configuration.setStoreByValue(false);
        return new JCacheAdapter(aggregateCacheManager.createCache("aggregates", configuration));
    }
}
