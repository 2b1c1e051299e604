package io.veltrix.platform.eventstore;

import io.veltrix.api.audit.CanonicalJson;
import io.veltrix.api.find.ClueFoundUpcaster;
import io.veltrix.api.hunt.HuntCreatedUpcaster;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

/**
 * How events, messages and snapshots are written and read: JSON (Jackson, the canonical mapper)
 * for all of them, and the upcasters that bring old event versions up to date on read.
 */
@Configuration(proxyBeanMethods = false)
public class EventSerializationConfiguration {

    /**
     * The general serializer (tokens, snapshots, dead letters) is JSON too. Only the benchmark's
     * "axon-defaults" profile sets {@code veltrix.event-store.general-serializer=xstream}, and then
     * Axon builds its default XStream serializer, allowed to read Axon's and Veltrix's types.
     */
    @Bean
    @Primary
    @ConditionalOnProperty(name = "veltrix.event-store.general-serializer", havingValue = "jackson", matchIfMissing = true)
    public Serializer serializer() {
        return jackson();
    }

    @Bean
    @ConditionalOnProperty(name = "veltrix.event-store.general-serializer", havingValue = "xstream")
    public com.thoughtworks.xstream.XStream xStream() {
        var xStream = new com.thoughtworks.xstream.XStream(new org.axonframework.serialization.xml.CompactDriver());
        xStream.allowTypesByWildcard(new String[] {"io.veltrix.**", "org.axonframework.**"});
        return xStream;
    }

    @Bean
    @Qualifier("eventSerializer")
    public Serializer eventSerializer() {
        return jackson();
    }

    @Bean
    @Qualifier("messageSerializer")
    public Serializer messageSerializer() {
        return jackson();
    }

    private static JacksonSerializer jackson() {
        return CachingJacksonSerializer.over(CanonicalJson.mapper());
    }

    /**
     * Old event versions in the store are upcast on read (docs/events.md). Axon's Spring Boot
     * configuration registers every EventUpcaster bean in configuration.upcasterChain().
     */
    @Bean
    public ClueFoundUpcaster clueFoundUpcaster() {
        return new ClueFoundUpcaster();
    }

    @Bean
    public HuntCreatedUpcaster huntCreatedUpcaster() {
        return new HuntCreatedUpcaster();
    }
}
