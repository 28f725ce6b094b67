-- wismo's schema on PostgreSQL: TIMESTAMPTZ instants, JSONB documents, identity ids.

CREATE TABLE stores (
    id             BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    slug           TEXT        NOT NULL UNIQUE,
    name           TEXT        NOT NULL,
    branding       JSONB       NOT NULL DEFAULT '{}',
    default_locale TEXT        NOT NULL,
    timezone       TEXT        NOT NULL,
    created_at     TIMESTAMPTZ NOT NULL
);

CREATE TABLE api_keys (
    id           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    store_id     BIGINT      NOT NULL REFERENCES stores (id) ON DELETE CASCADE,
    name         TEXT        NOT NULL,
    prefix       TEXT        NOT NULL UNIQUE,
    hash         TEXT        NOT NULL UNIQUE,
    created_at   TIMESTAMPTZ NOT NULL,
    last_used_at TIMESTAMPTZ,
    revoked_at   TIMESTAMPTZ
);

CREATE INDEX api_keys_store ON api_keys (store_id);

CREATE TABLE orders (
    id                BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    store_id          BIGINT      NOT NULL REFERENCES stores (id) ON DELETE CASCADE,
    order_number      TEXT        NOT NULL,
    external_id       TEXT,
    customer_name     TEXT,
    customer_email    TEXT,
    customer_phone    TEXT,
    customer_locale   TEXT,
    customer_timezone TEXT,
    items             JSONB       NOT NULL DEFAULT '[]',
    city              TEXT,
    region            TEXT,
    postal_code       TEXT,
    country           TEXT,
    placed_at         TIMESTAMPTZ,
    promised_date     DATE,
    created_at        TIMESTAMPTZ NOT NULL,
    UNIQUE (store_id, order_number)
);

-- Newest-first pages of one store's orders.
CREATE INDEX orders_store_id ON orders (store_id, id DESC);

CREATE TABLE shipments (
    id                         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    order_id                   BIGINT      NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
    store_id                   BIGINT      NOT NULL REFERENCES stores (id) ON DELETE CASCADE,
    carrier                    TEXT,
    service                    TEXT,
    tracking_number            TEXT        NOT NULL,
    token                      TEXT        NOT NULL UNIQUE,
    stage                      TEXT        NOT NULL DEFAULT 'pending',
    substatus                  TEXT,
    carrier_estimated_delivery TIMESTAMPTZ,
    shipped_at                 TIMESTAMPTZ,
    delivered_at               TIMESTAMPTZ,
    last_event_at              TIMESTAMPTZ,
    created_at                 TIMESTAMPTZ NOT NULL,
    updated_at                 TIMESTAMPTZ NOT NULL,
    -- For the polling engine: when to ask the carrier next, and how often it failed in a row.
    next_poll_at               TIMESTAMPTZ,
    poll_failures              INTEGER     NOT NULL DEFAULT 0
);

CREATE INDEX shipments_order ON shipments (order_id);
CREATE INDEX shipments_tracking_number ON shipments (store_id, tracking_number);
CREATE INDEX shipments_next_poll ON shipments (next_poll_at)
    WHERE stage NOT IN ('delivered', 'returned', 'expired', 'cancelled');

CREATE TABLE tracking_events (
    id                   BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    shipment_id          BIGINT      NOT NULL REFERENCES shipments (id) ON DELETE CASCADE,
    occurred_at          TIMESTAMPTZ NOT NULL,
    -- The offset of the place the event happened, so it is shown in local time.
    occurred_offset_secs INTEGER     NOT NULL,
    stage                TEXT        NOT NULL,
    substatus            TEXT,
    description          TEXT        NOT NULL,
    location             TEXT,
    carrier_code         TEXT,
    source               TEXT        NOT NULL,
    dedupe_key           TEXT        NOT NULL,
    recorded_at          TIMESTAMPTZ NOT NULL,
    UNIQUE (shipment_id, dedupe_key)
);

CREATE INDEX tracking_events_shipment_time ON tracking_events (shipment_id, occurred_at);

CREATE TABLE customer_requests (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    store_id    BIGINT      NOT NULL REFERENCES stores (id) ON DELETE CASCADE,
    shipment_id BIGINT      NOT NULL REFERENCES shipments (id) ON DELETE CASCADE,
    kind        TEXT        NOT NULL,
    message     TEXT,
    status      TEXT        NOT NULL DEFAULT 'open',
    created_at  TIMESTAMPTZ NOT NULL
);

CREATE INDEX customer_requests_store ON customer_requests (store_id, id DESC);
CREATE INDEX customer_requests_shipment ON customer_requests (shipment_id);

CREATE TABLE idempotency_keys (
    store_id     BIGINT      NOT NULL REFERENCES stores (id) ON DELETE CASCADE,
    key          TEXT        NOT NULL,
    request_hash TEXT        NOT NULL,
    status       INTEGER     NOT NULL,
    body         TEXT        NOT NULL,
    created_at   TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (store_id, key)
);

CREATE TABLE jobs (
    id           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    queue        TEXT        NOT NULL,
    payload      JSONB       NOT NULL,
    run_at       TIMESTAMPTZ NOT NULL,
    state        TEXT        NOT NULL DEFAULT 'queued'
                 CHECK (state IN ('queued', 'running', 'done', 'dead')),
    attempts     INTEGER     NOT NULL DEFAULT 0,
    max_attempts INTEGER     NOT NULL,
    locked_by    TEXT,
    locked_until TIMESTAMPTZ,
    -- Incremented at every claim; finishing a job must present the current one.
    lease_token  BIGINT      NOT NULL DEFAULT 0,
    last_error   TEXT,
    dedupe_key   TEXT,
    created_at   TIMESTAMPTZ NOT NULL,
    finished_at  TIMESTAMPTZ
);

-- At most one waiting or running job per (queue, dedupe key).
CREATE UNIQUE INDEX jobs_dedupe ON jobs (queue, dedupe_key)
    WHERE state IN ('queued', 'running') AND dedupe_key IS NOT NULL;
-- Claiming: a queue's waiting and running jobs in due order.
CREATE INDEX jobs_due ON jobs (queue, run_at, id)
    WHERE state IN ('queued', 'running');
-- Finding expired leases.
CREATE INDEX jobs_leases ON jobs (locked_until)
    WHERE state = 'running';
