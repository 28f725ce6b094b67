-- Logos uploaded by stores, served from wismo itself (no third-party hosting).
CREATE TABLE store_logos (
    store_id     BIGINT      PRIMARY KEY REFERENCES stores (id) ON DELETE CASCADE,
    content_type TEXT        NOT NULL,
    bytes        BYTEA       NOT NULL,
    version      TEXT        NOT NULL,
    updated_at   TIMESTAMPTZ NOT NULL
);
