-- A store's own domains (its pages answer there, by Host header) and the sites allowed to
-- use its lookup widget (CORS origins).
CREATE TABLE store_domains (
    domain   TEXT    PRIMARY KEY,
    store_id INTEGER NOT NULL REFERENCES stores (id) ON DELETE CASCADE
) STRICT;

CREATE INDEX store_domains_store ON store_domains (store_id);

CREATE TABLE widget_origins (
    store_id INTEGER NOT NULL REFERENCES stores (id) ON DELETE CASCADE,
    origin   TEXT    NOT NULL,
    PRIMARY KEY (store_id, origin)
) STRICT;
