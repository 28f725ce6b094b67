-- CSV imports of orders sent through the API: the file waits here for the job that imports
-- it (and is dropped once it has), with what the import did and its per-row report.
CREATE TABLE imports (
    id             BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    store_id       BIGINT      NOT NULL REFERENCES stores (id) ON DELETE CASCADE,
    status         TEXT        NOT NULL DEFAULT 'queued'
                   CHECK (status IN ('queued', 'running', 'done', 'failed')),
    -- The API's Idempotency-Key and the hash of the request it came with.
    idempotency_key TEXT,
    request_hash   TEXT,
    skip_invalid   BOOLEAN     NOT NULL,
    body           BYTEA,
    rows_total     BIGINT,
    rows_processed BIGINT      NOT NULL DEFAULT 0,
    -- The orders and shipments created, updated and unchanged.
    counts         JSONB,
    -- Row counts and the refused rows by line and column.
    report         JSONB,
    created_at     TIMESTAMPTZ NOT NULL,
    started_at     TIMESTAMPTZ,
    finished_at    TIMESTAMPTZ
);

CREATE INDEX imports_store ON imports (store_id);
CREATE UNIQUE INDEX imports_idempotency ON imports (store_id, idempotency_key)
    WHERE idempotency_key IS NOT NULL;
