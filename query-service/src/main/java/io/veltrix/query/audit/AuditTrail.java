package io.veltrix.query.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.veltrix.api.audit.CanonicalJson;
import io.veltrix.api.audit.HashChain;
import io.veltrix.api.audit.StoredEvent;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A hunt's events as stored, in global order, as bytes from {@code domain_event_entry}: never
 * deserialized into our types here, so what an auditor gets is exactly what the chain hashes cover.
 * Pages for browsing are found through the {@code audit_event} index; {@link #forEachInStore}, which
 * {@code verify} and the export use, asks the event store alone, since the index is rebuilt from
 * events and so is no evidence of them.
 */
@Component
public class AuditTrail {

    private static final String COLUMNS = """
            e.global_index, e.time_stamp, e.payload_type, e.payload_revision, e.aggregate_identifier,
            e.sequence_number, e.payload, e.meta_data""";

    private static final String PAGE = "SELECT " + COLUMNS + """

            FROM audit_event a JOIN domain_event_entry e ON e.global_index = a.global_index
            WHERE a.hunt_id = :hunt AND a.global_index > :after
            ORDER BY a.global_index
            LIMIT :limit""";

    /**
     * Every event of every stream in which some payload names the hunt (stored payloads are
     * canonical JSON, so the name is found as bytes), and of the hunt's own stream: a stream with
     * one event moved to another hunt is still read whole, and that event shows as not belonging.
     */
    private static final String HUNT_STREAMS = """
            SELECT aggregate_identifier FROM domain_event_entry WHERE position(? IN payload) > 0
            UNION SELECT ?""";

    private static final String STREAMS = "SELECT " + COLUMNS + " FROM domain_event_entry e"
            + " WHERE e.aggregate_identifier IN (" + HUNT_STREAMS + ") ORDER BY e.global_index";

    /**
     * The streams a checkpoint covers: those with an event naming the hunt from the hunt's first
     * event on (no stream can name a hunt before it exists), and the hunt's own. Bounded so, a
     * checkpoint reads the events since the hunt was created, not the whole store, however large
     * the store has grown.
     */
    private static final String HUNT_STREAMS_SINCE_CREATED = """
            SELECT aggregate_identifier FROM domain_event_entry
            WHERE global_index >= (SELECT min(global_index) FROM domain_event_entry WHERE aggregate_identifier = ?)
              AND position(? IN payload) > 0
            UNION SELECT ?""";

    /** The last event of each stream a checkpoint covers, each read through its stream's index. */
    private static final String HEADS = "SELECT " + COLUMNS + " FROM (" + HUNT_STREAMS_SINCE_CREATED + ") s"
            + " CROSS JOIN LATERAL (SELECT * FROM domain_event_entry l WHERE l.aggregate_identifier = s.aggregate_identifier"
            + " ORDER BY l.sequence_number DESC LIMIT 1) e ORDER BY e.aggregate_identifier";

    private final JdbcClient jdbc;
    private final JdbcTemplate cursor;
    private final TransactionTemplate readOnly;
    private final ObjectMapper json = CanonicalJson.mapper();
    private final int readPage;

    AuditTrail(JdbcClient jdbc, DataSource dataSource, PlatformTransactionManager transactions,
               @Value("${veltrix.audit.read-page-size}") int readPage) {
        this.jdbc = jdbc;
        this.readPage = readPage;
        this.cursor = new JdbcTemplate(dataSource);
        // PostgreSQL streams a result only inside a transaction; otherwise the driver reads it whole
        this.cursor.setFetchSize(readPage);
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
    }

    /** Whether any event of the hunt has been indexed. */
    public boolean known(String huntId) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM audit_event WHERE hunt_id = :hunt)")
                .param("hunt", huntId).query(Boolean.class).single();
    }

    /** Whether the event store holds the hunt's own stream. */
    public boolean inStore(String huntId) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM domain_event_entry WHERE aggregate_identifier = :hunt)")
                .param("hunt", huntId).query(Boolean.class).single();
    }

    /** An event with its payload column as stored: the bytes its chain hash covers. */
    public record Stored(StoredEvent event, byte[] payloadBytes) {
    }

    /** Up to {@code limit} events of the hunt after global index {@code afterIndex}. */
    public List<StoredEvent> page(String huntId, long afterIndex, int limit) {
        return stored(huntId, afterIndex, limit).stream().map(Stored::event).toList();
    }

    private List<Stored> stored(String huntId, long afterIndex, int limit) {
        return jdbc.sql(PAGE).param("hunt", huntId).param("after", afterIndex).param("limit", limit)
                .query((rs, n) -> stored(rs)).list();
    }

    /** Every indexed event of the hunt in global order, a page at a time: memory stays at one page. */
    public void forEach(String huntId, Consumer<Stored> each) {
        long after = -1;
        while (true) {
            List<Stored> page = stored(huntId, after, readPage);
            page.forEach(each);
            if (page.size() < readPage) {
                return;
            }
            after = page.get(page.size() - 1).event().index();
        }
    }

    /** Every event of the hunt's streams, read from the event store in one statement, in global order. */
    public void forEachInStore(String huntId, Consumer<Stored> each) {
        readOnly.executeWithoutResult(status -> cursor.query(STREAMS, rs -> {
            each.accept(stored(rs));
        }, named(huntId), huntId));
    }

    /**
     * The last stored event of each of the hunt's streams, from the event store: the streams that
     * name the hunt since its creation (see {@code verify} for every stream that names it at all).
     */
    public List<StoredEvent> heads(String huntId) {
        return cursor.query(HEADS, (rs, n) -> stored(rs).event(), huntId, named(huntId), huntId);
    }

    /** How a canonical payload names the hunt. */
    private byte[] named(String huntId) {
        return ("\"huntId\":" + jsonString(huntId)).getBytes(StandardCharsets.UTF_8);
    }

    private String jsonString(String text) {
        try {
            return json.writeValueAsString(text);
        } catch (IOException e) {
            throw new IllegalStateException("a string is always writable", e);
        }
    }

    private Stored stored(ResultSet rs) throws SQLException {
        byte[] payload = rs.getBytes(7);
        JsonNode metaData = tree(rs.getBytes(8));
        JsonNode hash = metaData == null ? null : metaData.get(HashChain.METADATA_KEY);
        StoredEvent event = new StoredEvent(rs.getLong(1), instant(rs.getString(2)), rs.getString(3),
                rs.getString(4), rs.getString(5), rs.getLong(6), tree(payload), metaData,
                hash == null || !hash.isTextual() ? null : hash.asText());
        return new Stored(event, payload);
    }

    /** The stored instant; null if the text is none (only tampering writes one), which its chain link reports. */
    private static Instant instant(String text) {
        try {
            return text == null ? null : Instant.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** The JSON tree of stored bytes; null if they are not JSON (a damaged row still shows, unhashed). */
    private JsonNode tree(byte[] bytes) {
        if (bytes == null) {
            return null;
        }
        try {
            return json.readTree(bytes);
        } catch (IOException e) {
            return null;
        }
    }
}
