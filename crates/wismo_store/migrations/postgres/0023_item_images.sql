-- Thumbnails of orders' item pictures, fetched once per store and image URL and served by
-- wismo itself, so a tracking page loads nothing from the merchant's host
-- (docs/ARCHITECTURE.md, "Item images").
--
-- A row is written with the order that first names its URL (and its fetch queued in the
-- same transaction); `bytes` stays NULL until the fetch keeps a thumbnail. A failed fetch
-- records its error and counts it instead: the URL is not fetched again for later orders.
CREATE TABLE item_images (
    store_id     BIGINT      NOT NULL REFERENCES stores (id) ON DELETE CASCADE,
    -- A short hash of the store's id and the URL: the thumbnail's name in its address.
    url_hash     TEXT        NOT NULL,
    url          TEXT        NOT NULL,
    content_type TEXT,
    bytes        BYTEA,
    width        INTEGER,
    height       INTEGER,
    fetched_at   TIMESTAMPTZ,
    error        TEXT,
    failures     INTEGER     NOT NULL DEFAULT 0,
    created_at   TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (store_id, url_hash)
);
