package io.veltrix.query;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Many rows in one statement, whatever their number: each column travels as one PostgreSQL array
 * that the statement's {@code unnest(...)} turns back into rows.
 */
public final class UnnestArrays {

    private UnnestArrays() {
    }

    /** One column of an {@code unnest(...)}: the PostgreSQL element type and the values, row by row. */
    public record Column(String type, Object[] values) {
    }

    /** Binds the columns, in the order the statement's {@code unnest(...)} names them, from parameter {@code first} on. */
    public static PreparedStatement bind(Connection con, PreparedStatement ps, int first, Column... columns)
            throws SQLException {
        for (int i = 0; i < columns.length; i++) {
            ps.setArray(first + i, con.createArrayOf(columns[i].type(), columns[i].values()));
        }
        return ps;
    }

    /** Timestamps travel in arrays as microseconds since the epoch: exact, and no time-zone guessing. */
    public static long micros(Instant at) {
        return ChronoUnit.MICROS.between(Instant.EPOCH, at);
    }
}
