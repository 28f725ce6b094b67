-- CSV imports of orders sent through the API: the file waits here for the job that imports
-- it (and is dropped once it has), with what the import did and its per-row report.
CREATE TABLE imports (
    id             INTEGER PRIMARY KEY,
    store_id       INTEGER NOT NULL REFERENCES stores (id) ON DELETE CASCADE,
    status         TEXT    NOT NULL DEFAULT 'queued'
                   CHECK (status IN ('queued', 'running', 'done', 'failed')),
    -- The API's Idempotency-Key and the hash of the request it came with.
    idempotency_key TEXT,
    request_hash   TEXT,
    skip_invalid   INTEGER NOT NULL,
    body           BLOB,
    rows_total     INTEGER,
    rows_processed INTEGER NOT NULL DEFAULT 0,
    -- JSON: the orders and shipments created, updated and unchanged.
    counts         TEXT,
    -- JSON: row counts and the refused rows by line and column.
    report         TEXT,
    created_at     INTEGER NOT NULL,
    started_at     INTEGER,
    finished_at    INTEGER
) STRICT;

CREATE INDEX imports_store ON imports (store_id);
CREATE UNIQUE INDEX imports_idempotency ON imports (store_id, idempotency_key)
    WHERE idempotency_key IS NOT NULL;
