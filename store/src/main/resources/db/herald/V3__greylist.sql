-- Greylisting (org.herald.core.store.GreylistTripletStore, GreylistWhitelistStore, AutoWhitelistStore).
-- Runs unchanged on PostgreSQL and on H2 in PostgreSQL mode: no MERGE, no ON CONFLICT; upserts are an UPDATE, then an
-- INSERT when no row matched, retried on a unique violation (SQLState 23505).

-- One row per (client network, sender, recipient); sender and recipient normalised by the policy (Triplet), at most
-- 320 characters. passed is NULL until the triplet was retried after the delay.
CREATE TABLE herald_greylist_triplet (
    client_network VARCHAR(64)              NOT NULL,
    sender         VARCHAR(320)             NOT NULL,
    recipient      VARCHAR(320)             NOT NULL,
    first_seen     TIMESTAMP WITH TIME ZONE NOT NULL,
    last_seen      TIMESTAMP WITH TIME ZONE NOT NULL,
    passed         TIMESTAMP WITH TIME ZONE,
    pass_count     INTEGER                  NOT NULL,
    CONSTRAINT herald_greylist_triplet_pk PRIMARY KEY (client_network, sender, recipient)
);
-- The hourly purge deletes by last_seen.
CREATE INDEX herald_greylist_triplet_last_seen ON herald_greylist_triplet (last_seen);

-- Whitelist entries added over WebAdmin; kind is the WhitelistKind name, entry its normalised value.
CREATE TABLE herald_greylist_whitelist (
    kind  VARCHAR(16)  NOT NULL,
    entry VARCHAR(320) NOT NULL,
    CONSTRAINT herald_greylist_whitelist_pk PRIMARY KEY (kind, entry)
);

-- Passes per client network, incremented atomically (UPDATE ... SET passes = passes + 1) by every node.
CREATE TABLE herald_greylist_auto_whitelist (
    client_network VARCHAR(64)              NOT NULL,
    passes         INTEGER                  NOT NULL,
    first_passed   TIMESTAMP WITH TIME ZONE NOT NULL,
    last_seen      TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT herald_greylist_auto_whitelist_pk PRIMARY KEY (client_network)
);
CREATE INDEX herald_greylist_auto_whitelist_last_seen ON herald_greylist_auto_whitelist (last_seen);
