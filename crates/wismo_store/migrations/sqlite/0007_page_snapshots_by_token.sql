-- A repeat view finds its stored page by the link's token, with what serving it needs kept
-- beside it, and checks only the store's revision: the token's index entry and the stored
-- row, where it was five lookups (the token's index entry, the shipment, the order, the
-- stored page's key and row), which was most of a repeat view's database time
-- (docs/ARCHITECTURE.md, "Page snapshots").
--
-- A page is kept only at its order's current revision (the write checks it), and a change
-- to the order's revision deletes the order's stored pages (the trigger below), so a stored
-- row is current for its order by construction, copies included: the parcel's token,
-- order, store, stage and delivery time, and the customer's language. The store's
-- revision is still compared on each view: a change of branding would otherwise delete
-- every stored page of the store in one write. Stored pages are a cache, so they are
-- dropped here; each is rendered again on its next view.

DROP TABLE page_snapshots;

CREATE TABLE page_snapshots (
    shipment_id     INTEGER NOT NULL REFERENCES shipments (id) ON DELETE CASCADE,
    lang            TEXT    NOT NULL,
    -- Copied from the parcel and its order when the page is kept.
    token           TEXT    NOT NULL,
    order_id        INTEGER NOT NULL,
    store_id        INTEGER NOT NULL,
    stage           TEXT    NOT NULL,
    delivered_at    INTEGER,
    customer_locale TEXT,
    order_revision  INTEGER NOT NULL,
    store_revision  INTEGER NOT NULL,
    -- The templates and texts the page was rendered with.
    build           TEXT    NOT NULL,
    -- The page as its server keeps it (wismo: gzip-compressed HTML).
    body            BLOB    NOT NULL,
    rendered_at     INTEGER NOT NULL,
    PRIMARY KEY (shipment_id, lang)
) STRICT;

CREATE INDEX page_snapshots_token ON page_snapshots (token);
CREATE INDEX page_snapshots_order ON page_snapshots (order_id);

CREATE TRIGGER orders_page_snapshots AFTER UPDATE OF page_revision ON orders
WHEN OLD.page_revision IS NOT NEW.page_revision
BEGIN
    DELETE FROM page_snapshots WHERE order_id = NEW.id;
END;
