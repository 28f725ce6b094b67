-- Store platforms sending orders (Shopify, WooCommerce, the generic signed feed): each
-- store's signing secret per platform, every delivery received, and which shipment each
-- platform parcel became. Orders gain `cancelled_at` and a lookup by the platform's id.

ALTER TABLE orders ADD COLUMN cancelled_at INTEGER;

CREATE INDEX orders_external_id ON orders (store_id, external_id) WHERE external_id IS NOT NULL;

CREATE TABLE integrations (
    store_id        INTEGER NOT NULL REFERENCES stores (id) ON DELETE CASCADE,
    platform        TEXT    NOT NULL,
    -- Sealed by the server for `integrations/{store}/{platform}`.
    secret          TEXT    NOT NULL,
    -- After a rotation, the secret before it, still accepted until `previous_until`.
    previous_secret TEXT,
    previous_until  INTEGER,
    created_at      INTEGER NOT NULL,
    rotated_at      INTEGER,
    PRIMARY KEY (store_id, platform)
) STRICT;

CREATE TABLE platform_deliveries (
    id           INTEGER PRIMARY KEY,
    store_id     INTEGER NOT NULL REFERENCES stores (id) ON DELETE CASCADE,
    platform     TEXT    NOT NULL,
    topic        TEXT    NOT NULL,
    -- The platform's delivery id (X-Shopify-Webhook-Id, X-WC-Webhook-Delivery-ID,
    -- webhook-id): a delivery sent again is stored once.
    webhook_id   TEXT    NOT NULL,
    -- The raw body as received.
    body         TEXT,
    received_at  INTEGER NOT NULL,
    -- queued, waiting (a fulfilment before its order), created, updated, ignored, failed;
    -- refused (a bad signature: no body kept, and a delivery id it names stays free).
    outcome      TEXT    NOT NULL DEFAULT 'queued',
    order_id     INTEGER REFERENCES orders (id) ON DELETE SET NULL,
    detail       TEXT,
    -- The platform's order id a waiting fulfilment needs.
    waiting_for  TEXT,
    -- The platform's order id an applied order delivery was about, and the platform's own
    -- time of that version of the order: an older version arriving later (a retry) is
    -- ignored.
    subject      TEXT,
    subject_updated_at INTEGER,
    processed_at INTEGER
) STRICT;

CREATE UNIQUE INDEX platform_deliveries_once ON platform_deliveries (store_id, platform, webhook_id)
    WHERE outcome <> 'refused';
CREATE INDEX platform_deliveries_list ON platform_deliveries (store_id, platform, id);
CREATE INDEX platform_deliveries_subject ON platform_deliveries (store_id, platform, subject)
    WHERE subject IS NOT NULL;
CREATE INDEX platform_deliveries_waiting ON platform_deliveries (store_id, platform, waiting_for)
    WHERE waiting_for IS NOT NULL;

-- A platform's parcel (`{fulfilment id}/{n}`, `wc:{tracking id}`) and the shipment it became,
-- so a changed tracking number changes that shipment.
CREATE TABLE platform_shipments (
    store_id    INTEGER NOT NULL REFERENCES stores (id) ON DELETE CASCADE,
    platform    TEXT    NOT NULL,
    parcel_key  TEXT    NOT NULL,
    shipment_id INTEGER NOT NULL REFERENCES shipments (id) ON DELETE CASCADE,
    PRIMARY KEY (store_id, platform, parcel_key)
) STRICT;
