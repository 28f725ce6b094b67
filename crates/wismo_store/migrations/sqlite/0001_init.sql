-- wismo's schema on SQLite. Timestamps are INTEGER microseconds since the Unix epoch (UTC);
-- JSON is TEXT; dates are TEXT `YYYY-MM-DD`. Tables are STRICT so a value of the wrong type
-- is refused at write time.

CREATE TABLE stores (
    id             INTEGER PRIMARY KEY,
    slug           TEXT    NOT NULL UNIQUE,
    name           TEXT    NOT NULL,
    branding       TEXT    NOT NULL DEFAULT '{}',
    default_locale TEXT    NOT NULL,
    timezone       TEXT    NOT NULL,
    created_at     INTEGER NOT NULL
) STRICT;

CREATE TABLE api_keys (
    id           INTEGER PRIMARY KEY,
    store_id     INTEGER NOT NULL REFERENCES stores (id) ON DELETE CASCADE,
    name         TEXT    NOT NULL,
    prefix       TEXT    NOT NULL UNIQUE,
    hash         TEXT    NOT NULL UNIQUE,
    created_at   INTEGER NOT NULL,
    last_used_at INTEGER,
    revoked_at   INTEGER
) STRICT;

CREATE INDEX api_keys_store ON api_keys (store_id);

CREATE TABLE orders (
    id                INTEGER PRIMARY KEY,
    store_id          INTEGER NOT NULL REFERENCES stores (id) ON DELETE CASCADE,
    order_number      TEXT    NOT NULL,
    external_id       TEXT,
    customer_name     TEXT,
    customer_email    TEXT,
    customer_phone    TEXT,
    customer_locale   TEXT,
    customer_timezone TEXT,
    items             TEXT    NOT NULL DEFAULT '[]',
    city              TEXT,
    region            TEXT,
    postal_code       TEXT,
    country           TEXT,
    placed_at         INTEGER,
    promised_date     TEXT,
    created_at        INTEGER NOT NULL,
    UNIQUE (store_id, order_number)
) STRICT;

-- Newest-first pages of one store's orders (the rowid ends every index).
CREATE INDEX orders_store ON orders (store_id);

CREATE TABLE shipments (
    id                         INTEGER PRIMARY KEY,
    order_id                   INTEGER NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
    store_id                   INTEGER NOT NULL REFERENCES stores (id) ON DELETE CASCADE,
    carrier                    TEXT,
    service                    TEXT,
    tracking_number            TEXT    NOT NULL,
    token                      TEXT    NOT NULL UNIQUE,
    stage                      TEXT    NOT NULL DEFAULT 'pending',
    substatus                  TEXT,
    carrier_estimated_delivery INTEGER,
    shipped_at                 INTEGER,
    delivered_at               INTEGER,
    last_event_at              INTEGER,
    created_at                 INTEGER NOT NULL,
    updated_at                 INTEGER NOT NULL,
    -- For the polling engine: when to ask the carrier next, and how often it failed in a row.
    next_poll_at               INTEGER,
    poll_failures              INTEGER NOT NULL DEFAULT 0
) STRICT;

CREATE INDEX shipments_order ON shipments (order_id);
CREATE INDEX shipments_tracking_number ON shipments (store_id, tracking_number);
CREATE INDEX shipments_next_poll ON shipments (next_poll_at)
    WHERE stage NOT IN ('delivered', 'returned', 'expired', 'cancelled');

CREATE TABLE tracking_events (
    id                   INTEGER PRIMARY KEY,
    shipment_id          INTEGER NOT NULL REFERENCES shipments (id) ON DELETE CASCADE,
    occurred_at          INTEGER NOT NULL,
    -- The offset of the place the event happened, so it is shown in local time.
    occurred_offset_secs INTEGER NOT NULL,
    stage                TEXT    NOT NULL,
    substatus            TEXT,
    description          TEXT    NOT NULL,
    location             TEXT,
    carrier_code         TEXT,
    source               TEXT    NOT NULL,
    dedupe_key           TEXT    NOT NULL,
    recorded_at          INTEGER NOT NULL,
    UNIQUE (shipment_id, dedupe_key)
) STRICT;

CREATE INDEX tracking_events_shipment_time ON tracking_events (shipment_id, occurred_at);

CREATE TABLE customer_requests (
    id          INTEGER PRIMARY KEY,
    store_id    INTEGER NOT NULL REFERENCES stores (id) ON DELETE CASCADE,
    shipment_id INTEGER NOT NULL REFERENCES shipments (id) ON DELETE CASCADE,
    kind        TEXT    NOT NULL,
    message     TEXT,
    status      TEXT    NOT NULL DEFAULT 'open',
    created_at  INTEGER NOT NULL
) STRICT;

CREATE INDEX customer_requests_store ON customer_requests (store_id);
CREATE INDEX customer_requests_shipment ON customer_requests (shipment_id);

CREATE TABLE idempotency_keys (
    store_id     INTEGER NOT NULL REFERENCES stores (id) ON DELETE CASCADE,
    key          TEXT    NOT NULL,
    request_hash TEXT    NOT NULL,
    status       INTEGER NOT NULL,
    body         TEXT    NOT NULL,
    created_at   INTEGER NOT NULL,
    PRIMARY KEY (store_id, key)
) STRICT, WITHOUT ROWID;

CREATE TABLE jobs (
    id           INTEGER PRIMARY KEY,
    queue        TEXT    NOT NULL,
    payload      TEXT    NOT NULL,
    run_at       INTEGER NOT NULL,
    state        TEXT    NOT NULL DEFAULT 'queued'
                 CHECK (state IN ('queued', 'running', 'done', 'dead')),
    attempts     INTEGER NOT NULL DEFAULT 0,
    max_attempts INTEGER NOT NULL,
    locked_by    TEXT,
    locked_until INTEGER,
    -- Incremented at every claim; finishing a job must present the current one.
    lease_token  INTEGER NOT NULL DEFAULT 0,
    last_error   TEXT,
    dedupe_key   TEXT,
    created_at   INTEGER NOT NULL,
    finished_at  INTEGER
) STRICT;

-- At most one waiting or running job per (queue, dedupe key).
CREATE UNIQUE INDEX jobs_dedupe ON jobs (queue, dedupe_key)
    WHERE state IN ('queued', 'running') AND dedupe_key IS NOT NULL;
-- Claiming: a queue's waiting and running jobs in due order.
CREATE INDEX jobs_due ON jobs (queue, run_at, id)
    WHERE state IN ('queued', 'running');
-- Finding expired leases.
CREATE INDEX jobs_leases ON jobs (locked_until)
    WHERE state = 'running';
