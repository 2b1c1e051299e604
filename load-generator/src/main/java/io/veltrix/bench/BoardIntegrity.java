package io.veltrix.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Whether the board reads were ever served a board as complete that was not, e.g. a half-rebuilt
 * one during a replay. In a load without hints or corrections every player's score only grows,
 * so the sum of the top lines' scores never falls: a board answered without
 * {@code Veltrix-Rebuilding} whose sum is below that of a complete board answered before its
 * request was sent is an incomplete board served as the truth. Boards flagged as rebuilding are
 * counted, not judged.
 */
final class BoardIntegrity {

    private final AtomicLong floor = new AtomicLong(Long.MIN_VALUE);
    private final LongAdder complete = new LongAdder();
    private final LongAdder flagged = new LongAdder();
    private final LongAdder behind = new LongAdder();

    /** What a request sent now must at least see; pass it to {@link #answered}. */
    long floorAtSend() {
        return floor.get();
    }

    void answered(long floorAtSend, String rebuilding, JsonNode board, Errors errors) {
        if (rebuilding != null) {
            flagged.increment();
            return;
        }
        complete.increment();
        long sum = 0;
        for (JsonNode line : board) {
            sum += line.path("score").asLong();
        }
        if (sum < floorAtSend) {
            behind.increment();
            errors.add("board-served-incomplete", "a board without Veltrix-Rebuilding summed " + sum
                    + " points in its lines, below the " + floorAtSend + " of a board answered before it was asked");
        }
        floor.accumulateAndGet(sum, Math::max);
    }

    Map<String, Object> report() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("completeBoards", complete.sum());
        out.put("flaggedRebuilding", flagged.sum());
        out.put("servedIncomplete", behind.sum());
        return out;
    }
}
