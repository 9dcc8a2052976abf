-- Herald nodes that have started against this store (org.herald.core.store.NodeRegistry).
-- Runs unchanged on PostgreSQL and on H2 in PostgreSQL mode.
CREATE TABLE herald_node (
    node_id       VARCHAR(255)             NOT NULL,
    hostname      VARCHAR(255)             NOT NULL,
    version       VARCHAR(100)             NOT NULL,
    first_started TIMESTAMP WITH TIME ZONE NOT NULL,
    last_started  TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT herald_node_pk PRIMARY KEY (node_id)
);
