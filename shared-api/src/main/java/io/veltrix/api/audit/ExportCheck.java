package io.veltrix.api.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.veltrix.api.hunt.HuntId;
import io.veltrix.api.scoring.IndexedEvent;
import io.veltrix.api.scoring.Scoreboard;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Verifies an NDJSON export with nothing but the file: first its signed checkpoints (lines
 * {@code {"checkpoint": …}}), then one {@link StoredEvent} per line in global order. Re-checks every
 * hash chain, that the events extend every checkpoint (the file's and any saved earlier), and folds
 * the events into each hunt's {@link Scoreboard}, the same scoring the live projection uses. Reads
 * line by line; memory grows with streams, players and checkpoint heads, not with events.
 */
public final class ExportCheck {

    /** The key of a checkpoint line. */
    public static final String CHECKPOINT_LINE = "checkpoint";

    /** What a file says: its chains, checkpoints and the boards its events add up to. */
    public record Result(long lines, ChainCheck chains, CheckpointCheck checkpoints, Map<HuntId, Scoreboard> boards,
                         long unreadable) {

        /** Chains intact and every checkpoint holding. */
        public boolean intact() {
            return chains.intact() && checkpoints.holds();
        }
    }

    private ExportCheck() {
    }

    public static Result check(Reader ndjson) throws IOException {
        return check(ndjson, List.of(), null);
    }

    /**
     * @param saved   checkpoints kept from earlier, which the file's history must extend too
     * @param trusted the service's published checkpoint key; null: each checkpoint's own key
     */
    public static Result check(Reader ndjson, List<Checkpoint> saved, PublicKey trusted) throws IOException {
        ObjectMapper mapper = CanonicalJson.mapper();
        EventDecoder decoder = new EventDecoder();
        ChainCheck chains = new ChainCheck();
        List<Checkpoint> checkpoints = new ArrayList<>(saved);
        CheckpointCheck checkpointCheck = null;
        Map<HuntId, Scoreboard> boards = new LinkedHashMap<>();
        BufferedReader lines = new BufferedReader(ndjson);
        long lineNumber = 0;
        long unreadable = 0;
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
            lineNumber++;
            if (line.isBlank()) {
                continue;
            }
            JsonNode tree;
            StoredEvent event;
            try {
                tree = mapper.readTree(line);
                if (tree.has(CHECKPOINT_LINE)) {
                    if (checkpointCheck != null) {
                        throw new IOException("line " + lineNumber + ": checkpoints come before the events");
                    }
                    checkpoints.add(mapper.treeToValue(tree.get(CHECKPOINT_LINE), Checkpoint.class));
                    continue;
                }
                event = mapper.treeToValue(tree, StoredEvent.class);
            } catch (IOException e) {
                throw new IOException("line " + lineNumber + " is not an event: " + e.getMessage(), e);
            }
            if (event.payload() == null || !event.payload().isObject()) {
                throw new IOException("line " + lineNumber + " has no payload object");
            }
            if (checkpointCheck == null) {
                checkpointCheck = new CheckpointCheck(checkpoints, trusted);
            }
            chains.check(event, event.payloadBytes());
            checkpointCheck.see(event);
            String hunt = event.payload().path("huntId").asText(null);
            if (hunt != null) {
                try {
                    Object payload = decoder.decode(event.type(), event.version(), event.payload());
                    boards.computeIfAbsent(new HuntId(hunt), Scoreboard::new)
                            .apply(new IndexedEvent(event.index(), event.timestamp(), payload));
                } catch (RuntimeException notAnEvent) {
                    // a row that no longer reads as an event (a type, field or time changed): left out
                    // of the board and counted; its chain link says what happened to it
                    unreadable++;
                }
            }
        }
        if (checkpointCheck == null) {
            checkpointCheck = new CheckpointCheck(checkpoints, trusted);
        }
        checkpointCheck.brokenLinks().forEach(chains::report);
        return new Result(lineNumber, chains, checkpointCheck, boards, unreadable);
    }
}
