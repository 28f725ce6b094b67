-- A repeat view finds its stored page by the link's token, with what serving it needs
-- copied in (the parcel's order, store, stage and delivery time), and checks only the
-- order's and the store's revisions: three indexed lookups instead of five, which was most
-- of a repeat view's database time (docs/ARCHITECTURE.md, "Page snapshots").
--
-- The copies are as current as the page: any change to them bumps the order's revision, and
-- a row whose revision is not current is never served. Stored pages are a cache, so they
-- are dropped here; each is rendered again on its next view.

DROP TABLE page_snapshots;

CREATE TABLE page_snapshots (
    shipment_id    INTEGER NOT NULL REFERENCES shipments (id) ON DELETE CASCADE,
    lang           TEXT    NOT NULL,
    -- Copied from the parcel when the page is kept.
    token          TEXT    NOT NULL,
    order_id       INTEGER NOT NULL,
    store_id       INTEGER NOT NULL,
    stage          TEXT    NOT NULL,
    delivered_at   INTEGER,
    order_revision INTEGER NOT NULL,
    store_revision INTEGER NOT NULL,
    -- The templates and texts the page was rendered with.
    build          TEXT    NOT NULL,
    -- The page as its server keeps it (wismo: gzip-compressed HTML).
    body           BLOB    NOT NULL,
    rendered_at    INTEGER NOT NULL,
    PRIMARY KEY (shipment_id, lang)
) STRICT;

CREATE INDEX page_snapshots_token ON page_snapshots (token);
