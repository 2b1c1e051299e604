package io.veltrix.query.audit;

import io.veltrix.query.Projections;
import io.veltrix.query.UnnestArrays;
import io.veltrix.query.UnnestArrays.Column;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.EventMessage;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Fills {@code audit_event}: the global index of every event under its hunt. Events name their hunt
 * in a {@code huntId} component (every Veltrix event does); the rows of a batch are inserted by one
 * statement, with the token advance.
 */
@Component
@ProcessingGroup(Projections.AUDIT_INDEX)
class AuditIndexProjection {

    private static final String PENDING = AuditIndexProjection.class.getName() + ".pending";

    /** The huntId accessor of each event type, looked up once per type (null: the type has none). */
    private static final ClassValue<Method> HUNT_ID = new ClassValue<>() {
        @Override
        protected Method computeValue(Class<?> type) {
            try {
                return type.isRecord() ? type.getMethod("huntId") : null;
            } catch (NoSuchMethodException e) {
                return null;
            }
        }
    };

    private record Row(String huntId, long index) {
    }

    private final JdbcTemplate jdbc;

    AuditIndexProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(Object payload, EventMessage<?> event) throws ReflectiveOperationException {
        Method huntId = HUNT_ID.get(payload.getClass());
        if (huntId == null) {
            return;
        }
        Object hunt = huntId.invoke(payload);
        if (hunt == null) {
            return;
        }
        String id = Projections.checkId(hunt.toString());
        List<Row> rows = Projections.batchBuffer(PENDING, ArrayList::new, this::write);
        rows.add(new Row(id, Projections.indexOf(event)));
    }

    private void write(List<Row> rows) {
        String[] hunts = rows.stream().map(Row::huntId).toArray(String[]::new);
        Long[] indexes = rows.stream().map(Row::index).toArray(Long[]::new);
        jdbc.update(con -> UnnestArrays.bind(con, con.prepareStatement("""
                        INSERT INTO audit_event (hunt_id, global_index)
                        SELECT * FROM unnest(?, ?) ON CONFLICT DO NOTHING"""),
                1, new Column("varchar", hunts), new Column("int8", indexes)));
    }

    @ResetHandler
    void reset() {
        jdbc.update("TRUNCATE audit_event");
    }
}
