package io.veltrix.query.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.veltrix.api.audit.CanonicalJson;
import io.veltrix.api.audit.HashChain;
import io.veltrix.api.audit.StoredEvent;
import java.io.IOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * A hunt's events as stored: bytes from {@code domain_event_entry}, found through the
 * {@code audit_event} index, in global order. Never deserialized into our types here, so what an
 * auditor gets is exactly what the chain hashes cover.
 */
@Component
public class AuditTrail {

    private static final String PAGE = """
            SELECT e.global_index, e.time_stamp, e.payload_type, e.payload_revision, e.aggregate_identifier,
                   e.sequence_number, e.payload, e.meta_data
            FROM audit_event a JOIN domain_event_entry e ON e.global_index = a.global_index
            WHERE a.hunt_id = :hunt AND a.global_index > :after
            ORDER BY a.global_index
            LIMIT :limit""";

    private final JdbcClient jdbc;
    private final ObjectMapper json = CanonicalJson.mapper();
    private final int readPage;

    AuditTrail(JdbcClient jdbc, @Value("${veltrix.audit.read-page-size}") int readPage) {
        this.jdbc = jdbc;
        this.readPage = readPage;
    }

    /** Whether any event of the hunt has been indexed. */
    public boolean known(String huntId) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM audit_event WHERE hunt_id = :hunt)")
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

    /** Every event of the hunt in global order, a page at a time: memory stays at one page. */
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

    private Stored stored(ResultSet rs) throws SQLException {
        byte[] payload = rs.getBytes(7);
        byte[] metaData = rs.getBytes(8);
        JsonNode hash = metaData == null ? null : tree(metaData);
        hash = hash == null ? null : hash.get(HashChain.METADATA_KEY);
        StoredEvent event = new StoredEvent(rs.getLong(1), Instant.parse(rs.getString(2)), rs.getString(3),
                rs.getString(4), rs.getString(5), rs.getLong(6), tree(payload),
                hash == null || hash.isNull() ? null : hash.asText());
        return new Stored(event, payload);
    }

    /** The JSON tree of stored bytes; null if they are not JSON (a damaged row still shows, unhashed). */
    private JsonNode tree(byte[] bytes) {
        try {
            return json.readTree(bytes);
        } catch (IOException e) {
            return null;
        }
    }
}
