package io.veltrix.platform.messaging;

import java.security.SecureRandom;
import java.util.UUID;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;
import org.axonframework.common.IdentifierFactory;

/**
 * The identifiers Axon gives its messages (commands, events, results, queries, dead letters),
 * found by Axon through {@code META-INF/services}: random version-4 UUIDs as before, drawn from a
 * generator of the calling thread's own (Xoshiro256++, 256 bits of state seeded from
 * {@link SecureRandom}) instead of {@link UUID#randomUUID()}'s shared {@code SecureRandom}.
 *
 * <p>Why: Axon makes an identifier for every message it creates, including a result message per
 * event a processor handles; in a leaderboard replay the shared generator (a lock and a read of
 * the kernel's random source per identifier) took a tenth of the projecting thread (JFR). Message
 * identifiers must be unique, not secret (the event store holds a unique index on them), and 122
 * random bits from a generator seeded with 256 random bits keep them as unique as before.
 * Everything secret (tokens, keys, join codes) has generators of its own.
 */
public final class MessageIdentifiers extends IdentifierFactory {

    private static final SecureRandom SEEDS = new SecureRandom();
    private static final ThreadLocal<RandomGenerator> GENERATORS = ThreadLocal.withInitial(() -> {
        byte[] seed = new byte[32];
        synchronized (SEEDS) {
            SEEDS.nextBytes(seed);
        }
        return RandomGeneratorFactory.of("Xoshiro256PlusPlus").create(seed);
    });

    /** Used by Axon's service lookup. */
    public MessageIdentifiers() {
    }

    @Override
    public String generateIdentifier() {
        return next(GENERATORS.get()).toString();
    }

    /** A random version-4 (IETF variant) UUID from {@code random}'s next two longs. */
    static UUID next(RandomGenerator random) {
        long high = (random.nextLong() & ~0xF000L) | 0x4000L;
        long low = (random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
        return new UUID(high, low);
    }
}
