-- DMARC aggregate reports received about Herald's domains (org.herald.core.store.DmarcReportStore), deduplicated by
-- reporter and report id (id = SHA-256 of both), and their rows flattened for the summaries.
-- Runs unchanged on PostgreSQL and on H2 in PostgreSQL mode.
CREATE TABLE herald_dmarc_report (
    id            CHAR(64)                 NOT NULL,
    org_name      VARCHAR(255)             NOT NULL,
    report_id     VARCHAR(255)             NOT NULL,
    policy_domain VARCHAR(253)             NOT NULL,
    begin_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    end_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    received_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    received_from VARCHAR(320)             NOT NULL,
    report_xml    TEXT                     NOT NULL,
    CONSTRAINT herald_dmarc_report_pk PRIMARY KEY (id)
);
CREATE INDEX herald_dmarc_report_domain ON herald_dmarc_report (policy_domain, begin_at);
CREATE TABLE herald_dmarc_report_row (
    report        CHAR(64)                 NOT NULL,
    row_number    INTEGER                  NOT NULL,
    policy_domain VARCHAR(253)             NOT NULL,
    begin_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    org_name      VARCHAR(255)             NOT NULL,
    source_ip     VARCHAR(45)              NOT NULL,
    message_count BIGINT                   NOT NULL,
    disposition   VARCHAR(16)              NOT NULL,
    dkim_aligned  BOOLEAN                  NOT NULL,
    spf_aligned   BOOLEAN                  NOT NULL,
    CONSTRAINT herald_dmarc_report_row_pk PRIMARY KEY (report, row_number)
);
CREATE INDEX herald_dmarc_report_row_domain ON herald_dmarc_report_row (policy_domain, begin_at);
