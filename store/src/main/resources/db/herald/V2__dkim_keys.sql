-- DKIM keys per domain and selector (org.herald.core.store.DkimKeyStore). private_key holds the key sealed with
-- AES-256-GCM by Herald (PrivateKeySealer), never the plain key. Runs unchanged on PostgreSQL and on H2 in PostgreSQL mode.
CREATE TABLE herald_dkim_key (
    domain        VARCHAR(253)             NOT NULL,
    selector      VARCHAR(253)             NOT NULL,
    algorithm     VARCHAR(32)              NOT NULL,
    state         VARCHAR(16)              NOT NULL,
    public_key    TEXT                     NOT NULL,
    private_key   BYTEA                    NOT NULL,
    origin        VARCHAR(16)              NOT NULL,
    created       TIMESTAMP WITH TIME ZONE NOT NULL,
    activated     TIMESTAMP WITH TIME ZONE,
    retiring      TIMESTAMP WITH TIME ZONE,
    retired       TIMESTAMP WITH TIME ZONE,
    check_outcome VARCHAR(32)              NOT NULL,
    check_detail  TEXT                     NOT NULL,
    checked_at    TIMESTAMP WITH TIME ZONE,
    CONSTRAINT herald_dkim_key_pk PRIMARY KEY (domain, selector)
);
CREATE INDEX herald_dkim_key_state ON herald_dkim_key (state);
