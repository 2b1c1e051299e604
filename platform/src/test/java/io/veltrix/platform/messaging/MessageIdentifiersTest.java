package io.veltrix.platform.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.axonframework.common.IdentifierFactory;
import org.axonframework.eventhandling.GenericEventMessage;
import org.junit.jupiter.api.Test;

class MessageIdentifiersTest {

    @Test
    void axonFindsItAndItsMessagesCarryItsIdentifiers() {
        assertThat(IdentifierFactory.getInstance()).isInstanceOf(MessageIdentifiers.class);
        String id = GenericEventMessage.asEventMessage("found").getIdentifier();
        UUID uuid = UUID.fromString(id);
        assertThat(uuid.toString()).isEqualTo(id);
        assertThat(uuid.version()).isEqualTo(4);
        assertThat(uuid.variant()).isEqualTo(2);
    }

    @Test
    void identifiersAreRandomVersionFourUuidsUniqueAcrossThreads() throws Exception {
        Set<String> seen = ConcurrentHashMap.newKeySet();
        MessageIdentifiers identifiers = new MessageIdentifiers();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            Thread thread = new Thread(() -> {
                for (int i = 0; i < 50_000; i++) {
                    seen.add(identifiers.generateIdentifier());
                }
            });
            thread.start();
            threads.add(thread);
        }
        for (Thread thread : threads) {
            thread.join();
        }
        assertThat(seen).hasSize(200_000);
        Set<Integer> versions = new HashSet<>();
        Set<Integer> variants = new HashSet<>();
        long[] ones = new long[2];
        for (String id : seen) {
            UUID uuid = UUID.fromString(id);
            versions.add(uuid.version());
            variants.add(uuid.variant());
            ones[0] += Long.bitCount(uuid.getMostSignificantBits() & ~0xF000L);
            ones[1] += Long.bitCount(uuid.getLeastSignificantBits() & 0x3FFF_FFFF_FFFF_FFFFL);
        }
        assertThat(versions).containsExactly(4);
        assertThat(variants).containsExactly(2);
        // the random bits are ones about half the time (60 and 62 of them per identifier)
        assertThat(ones[0] / 200_000.0).isBetween(29.9, 30.1);
        assertThat(ones[1] / 200_000.0).isBetween(30.9, 31.1);
    }
}
