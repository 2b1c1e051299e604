-- audit-index ----------------------------------------------------------------------------------
-- Which events belong to which hunt: every event carries its huntId in the payload, which the
-- event store cannot index. One row per event lets the audit endpoints page a hunt's history in
-- global order straight off this primary key, however large the store and however many hunts share it.
CREATE TABLE audit_event (
    hunt_id      VARCHAR(64) NOT NULL,
    global_index BIGINT      NOT NULL,
    PRIMARY KEY (hunt_id, global_index)
);
