-- IP warmup (org.herald.core.store.WarmupStateStore, WarmupCounterStore, WarmupDeliveryLog).
-- Runs unchanged on PostgreSQL and on H2 in PostgreSQL mode.
CREATE TABLE herald_warmup_identity (
    identity               VARCHAR(255)             NOT NULL,
    schedule               VARCHAR(64)              NOT NULL,
    started_at             TIMESTAMP WITH TIME ZONE NOT NULL,
    step_index             INTEGER                  NOT NULL,
    step_started_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    paused                 BOOLEAN                  NOT NULL,
    last_throttle_ended_at TIMESTAMP WITH TIME ZONE,
    version                BIGINT                   NOT NULL,
    CONSTRAINT herald_warmup_identity_pk PRIMARY KEY (identity)
);
CREATE TABLE herald_warmup_throttle (
    identity VARCHAR(255)             NOT NULL,
    provider VARCHAR(255)             NOT NULL,
    reason   TEXT                     NOT NULL,
    since    TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT herald_warmup_throttle_pk PRIMARY KEY (identity, provider)
);
-- One row per UTC day (hour -1: the day's total, which the daily limit is checked against) and per clock hour.
CREATE TABLE herald_warmup_sent (
    identity VARCHAR(255) NOT NULL,
    provider VARCHAR(255) NOT NULL,
    sent_day  DATE        NOT NULL,
    sent_hour INTEGER     NOT NULL,
    sent     BIGINT       NOT NULL,
    deferred BIGINT       NOT NULL,
    CONSTRAINT herald_warmup_sent_pk PRIMARY KEY (identity, provider, sent_day, sent_hour)
);
CREATE TABLE herald_warmup_signal (
    identity     VARCHAR(255)             NOT NULL,
    provider     VARCHAR(255)             NOT NULL,
    hour_start   TIMESTAMP WITH TIME ZONE NOT NULL,
    attempts     BIGINT                   NOT NULL,
    hard_bounces BIGINT                   NOT NULL,
    complaints   BIGINT                   NOT NULL,
    CONSTRAINT herald_warmup_signal_pk PRIMARY KEY (identity, provider, hour_start)
);
CREATE TABLE herald_warmup_waiting (
    identity VARCHAR(255) NOT NULL,
    provider VARCHAR(255) NOT NULL,
    waiting  BIGINT       NOT NULL,
    CONSTRAINT herald_warmup_waiting_pk PRIMARY KEY (identity, provider)
);
CREATE TABLE herald_warmup_delivery (
    message_id   VARCHAR(998)             NOT NULL,
    identity     VARCHAR(255)             NOT NULL,
    provider     VARCHAR(255)             NOT NULL,
    delivered_at TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT herald_warmup_delivery_pk PRIMARY KEY (message_id, identity, provider)
);
CREATE INDEX herald_warmup_delivery_at ON herald_warmup_delivery (delivered_at);
