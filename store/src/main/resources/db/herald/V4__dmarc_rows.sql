-- DMARC evaluations of inbound mail, one row per distinct outcome per reporting day, counted
-- (org.herald.core.store.DmarcEvaluationStore). row_data is the row's identity in a canonical text form
-- (JdbcDmarcEvaluationStore.RowCodec); row_key is its SHA-256, so identical evaluations add up in one row.
-- Runs unchanged on PostgreSQL and on H2 in PostgreSQL mode.
CREATE TABLE herald_dmarc_row (
    row_key       CHAR(64)                 NOT NULL,
    period_start  TIMESTAMP WITH TIME ZONE NOT NULL,
    policy_domain VARCHAR(253)             NOT NULL,
    row_data      TEXT                     NOT NULL,
    message_count BIGINT                   NOT NULL,
    CONSTRAINT herald_dmarc_row_pk PRIMARY KEY (row_key)
);
CREATE INDEX herald_dmarc_row_period ON herald_dmarc_row (period_start, policy_domain);
