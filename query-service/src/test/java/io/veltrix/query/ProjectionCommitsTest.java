package io.veltrix.query;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The query service's own commits do not wait for a WAL flush; its data is derived from the events. */
class ProjectionCommitsTest extends QueryTestBase {

    @Test
    void queryServiceConnectionsCommitWithoutWaitingForTheirFlush() {
        // the tests' PostgreSQL runs with it off anyway: the session must have set it itself
        assertThat(jdbc.sql("SELECT setting || ' ' || source FROM pg_settings WHERE name = 'synchronous_commit'")
                .query(String.class).single()).isEqualTo("off session");
        assertThat(jdbc.sql("SHOW search_path").query(String.class).single()).isEqualTo("query, public");
    }
}
