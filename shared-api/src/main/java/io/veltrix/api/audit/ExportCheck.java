package io.veltrix.api.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.veltrix.api.hunt.HuntId;
import io.veltrix.api.scoring.IndexedEvent;
import io.veltrix.api.scoring.Scoreboard;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Verifies an NDJSON export (one {@link StoredEvent} per line, global order) with nothing but the
 * file: re-checks every hash chain and folds the events into each hunt's {@link Scoreboard}, the same
 * scoring the live projection uses. Reads line by line; memory grows with streams and players, not
 * with events.
 */
public final class ExportCheck {

    /** What a file says: its chains and the boards its events add up to. */
    public record Result(long lines, ChainCheck chains, Map<HuntId, Scoreboard> boards) {
    }

    private ExportCheck() {
    }

    public static Result check(Reader ndjson) throws IOException {
        ObjectMapper mapper = CanonicalJson.mapper();
        EventDecoder decoder = new EventDecoder();
        ChainCheck chains = new ChainCheck();
        Map<HuntId, Scoreboard> boards = new LinkedHashMap<>();
        BufferedReader lines = new BufferedReader(ndjson);
        long lineNumber = 0;
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
            lineNumber++;
            if (line.isBlank()) {
                continue;
            }
            StoredEvent event;
            try {
                event = mapper.readValue(line, StoredEvent.class);
            } catch (IOException e) {
                throw new IOException("line " + lineNumber + " is not an event: " + e.getMessage(), e);
            }
            if (event.payload() == null || !event.payload().isObject()) {
                throw new IOException("line " + lineNumber + " has no payload object");
            }
            chains.check(event.aggregateId(), event.sequence(), event.index(), event.payloadBytes(), event.hash());
            Object payload = decoder.decode(event.type(), event.version(), event.payload());
            String hunt = event.payload().path("huntId").asText(null);
            if (hunt != null) {
                boards.computeIfAbsent(new HuntId(hunt), Scoreboard::new)
                        .apply(new IndexedEvent(event.index(), event.timestamp(), payload));
            }
        }
        return new Result(lineNumber, chains, boards);
    }
}
