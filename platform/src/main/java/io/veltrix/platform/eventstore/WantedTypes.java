package io.veltrix.platform.eventstore;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Which stored payload types a reader's page reads ({@link PageReads}) decode, each type name judged
 * once. The names judged unwanted so far go with every later read to the store, whose rows of those
 * types then come without their payload and metadata, the bulk of a row. A replay of one projection
 * skips about half of a hunt's events, and the driver's buffers for rows sent whole were the largest
 * share of what the page reader allocated (docs/performance.md, rounds 34 and 35).
 *
 * <p>One reader's: not for use by several threads at once.
 */
public final class WantedTypes {

    private final Predicate<String> judge;
    private final Map<String, Boolean> judged = new HashMap<>();
    private final List<String> unwanted = new ArrayList<>();

    /** {@code judge}: whether rows of a stored payload type name are to be decoded. */
    public WantedTypes(Predicate<String> judge) {
        this.judge = judge;
    }

    /** Whether rows of the stored payload type {@code type} are decoded; judged on first sight. */
    public boolean wants(String type) {
        Boolean wanted = judged.get(type);
        if (wanted == null) {
            wanted = judge.test(type);
            judged.put(type, wanted);
            if (!wanted) {
                unwanted.add(type);
            }
        }
        return wanted;
    }

    /** The type names judged unwanted so far, in the order first seen. */
    String[] unwanted() {
        return unwanted.toArray(String[]::new);
    }
}
