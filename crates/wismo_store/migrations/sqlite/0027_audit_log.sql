-- Who changed what: one row per change a person or an API key made through the admin or
-- the API (settings, keys, links, requests handled…), kept for the store's owners to read.
-- `actor` is a snapshot (the user's email, or the key's name and prefix), so the row still
-- says who it was after the user or key is gone.

CREATE TABLE audit_log (
    id       INTEGER PRIMARY KEY,
    store_id INTEGER NOT NULL REFERENCES stores (id) ON DELETE CASCADE,
    at       INTEGER NOT NULL,
    actor    TEXT    NOT NULL,
    -- The method and route template (`POST /admin/orders/{id}/reissue`).
    action   TEXT    NOT NULL,
    -- The path as requested (ids, never tokens: routes with tokens are not recorded).
    target   TEXT    NOT NULL,
    status   INTEGER NOT NULL
) STRICT;

CREATE INDEX audit_log_store ON audit_log (store_id, id);
