-- Logos uploaded by stores, served from wismo itself (no third-party hosting).
CREATE TABLE store_logos (
    store_id     INTEGER PRIMARY KEY REFERENCES stores (id) ON DELETE CASCADE,
    content_type TEXT    NOT NULL,
    bytes        BLOB    NOT NULL,
    version      TEXT    NOT NULL,
    updated_at   INTEGER NOT NULL
) STRICT;
