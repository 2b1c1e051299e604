package io.veltrix.pgbinaries;

/** PostgreSQL's binaries could not be unpacked; the message is one line a person can act on. */
public final class BinariesUnavailable extends RuntimeException {

    BinariesUnavailable(String message) {
        super(message);
    }

    BinariesUnavailable(String message, Throwable cause) {
        super(message, cause);
    }
}
