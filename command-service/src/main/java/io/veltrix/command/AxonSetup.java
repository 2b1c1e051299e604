package io.veltrix.command;

import com.github.benmanes.caffeine.cache.Caffeine;
import org.axonframework.common.Registration;
import org.axonframework.common.caching.Cache;
import org.axonframework.common.caching.NoCache;
import org.axonframework.modelling.command.CommandTargetResolver;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Axon wiring of the command side beyond what application.yml says. */
@Configuration(proxyBeanMethods = false)
public class AxonSetup {

    /**
     * Aggregates stay in memory between commands in a bounded, strongly referenced cache (a weak
     * cache is emptied by every young GC); the event store remains the truth.
     */
    @Bean
    public Cache aggregateCache(@Value("${veltrix.aggregates.cache-size:50000}") long size) {
        if (size <= 0) {
            // Axon's default: no cache, every command reads its aggregate's events again.
            return NoCache.INSTANCE;
        }
        return new CaffeineAggregateCache(Caffeine.newBuilder().maximumSize(size).build());
    }

    /** Every aggregate's commands find their target through it (Axon takes the one bean of this type). */
    @Bean
    public CommandTargetResolver commandTargets() {
        return new CommandTargets();
    }

    /**
     * Axon's cache contract over Caffeine. Not Axon's {@code JCacheAdapter} over Caffeine's JCache
     * provider: JCache stores by value unless configured otherwise (a copy of the aggregate on every
     * command), and even stored by reference it brings the JSR-107 layer and its configuration
     * library for the same few map operations written out here. Tried and measured (docs/performance.md,
     * "Round 8"): with it the command service loaded the JCache stack's 218 classes in the benchmark's
     * run (Typesafe Config 141, Caffeine's JCache 44, javax.cache 29, jakarta.inject 4; 10,887 named
     * classes against 10,671), its RSS peak was ~6 MiB higher on the mean of four runs, and its CPU per
     * find showed no gain to weigh against them.
     */
    static final class CaffeineAggregateCache implements Cache {
        private final com.github.benmanes.caffeine.cache.Cache<Object, Object> cache;

        CaffeineAggregateCache(com.github.benmanes.caffeine.cache.Cache<Object, Object> cache) {
            this.cache = cache;
        }

        @Override
        @SuppressWarnings("unchecked")
        public <K, V> V get(K key) {
            return (V) cache.getIfPresent(key);
        }

        @Override
        public void put(Object key, Object value) {
            cache.put(key, value);
        }

        @Override
        public boolean putIfAbsent(Object key, Object value) {
            return cache.asMap().putIfAbsent(key, value) == null;
        }

        @Override
        @SuppressWarnings("unchecked")
        public <T> T computeIfAbsent(Object key, java.util.function.Supplier<T> valueSupplier) {
            return (T) cache.get(key, k -> valueSupplier.get());
        }

        @Override
        public boolean remove(Object key) {
            return cache.asMap().remove(key) != null;
        }

        @Override
        public void removeAll() {
            cache.invalidateAll();
        }

        @Override
        public boolean containsKey(Object key) {
            return cache.getIfPresent(key) != null;
        }

        @Override
        @SuppressWarnings("unchecked")
        public <V> void computeIfPresent(Object key, java.util.function.UnaryOperator<V> update) {
            cache.asMap().computeIfPresent(key, (k, v) -> update.apply((V) v));
        }

        @Override
        public Registration registerCacheEntryListener(EntryListener cacheEntryListener) {
            // Nothing in Veltrix listens to aggregate cache entries.
            return () -> true;
        }
    }
}
