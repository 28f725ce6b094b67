-- Tracking pages as rendered, kept until something they show changes, so a repeat view is
-- one lookup instead of a read of the whole order and a render (docs/ARCHITECTURE.md,
-- "Page snapshots").
--
-- `page_revision` counts the changes a page can show. Triggers bump it, so no write path
-- can forget to: an order's on any change to the order, its shipments or their scans; a
-- store's on any change to its name, slug, branding, language or time zone. A snapshot is
-- served only while both revisions it was rendered at are current. Shipment columns only
-- the polling engine uses (leases, next poll, counters) do not bump it.

ALTER TABLE orders ADD COLUMN page_revision INTEGER NOT NULL DEFAULT 0;
ALTER TABLE stores ADD COLUMN page_revision INTEGER NOT NULL DEFAULT 0;

CREATE TABLE page_snapshots (
    shipment_id    INTEGER NOT NULL REFERENCES shipments (id) ON DELETE CASCADE,
    lang           TEXT    NOT NULL,
    order_revision INTEGER NOT NULL,
    store_revision INTEGER NOT NULL,
    -- The templates and texts the page was rendered with.
    build          TEXT    NOT NULL,
    -- The page as its server keeps it (wismo: gzip-compressed HTML).
    body           BLOB    NOT NULL,
    rendered_at    INTEGER NOT NULL,
    PRIMARY KEY (shipment_id, lang)
) STRICT;

CREATE TRIGGER tracking_events_page AFTER INSERT ON tracking_events BEGIN
    UPDATE orders SET page_revision = page_revision + 1
    WHERE id = (SELECT order_id FROM shipments WHERE id = NEW.shipment_id);
END;

CREATE TRIGGER tracking_events_page_delete AFTER DELETE ON tracking_events BEGIN
    UPDATE orders SET page_revision = page_revision + 1
    WHERE id = (SELECT order_id FROM shipments WHERE id = OLD.shipment_id);
END;

CREATE TRIGGER shipments_page_insert AFTER INSERT ON shipments BEGIN
    UPDATE orders SET page_revision = page_revision + 1 WHERE id = NEW.order_id;
END;

CREATE TRIGGER shipments_page_delete AFTER DELETE ON shipments BEGIN
    UPDATE orders SET page_revision = page_revision + 1 WHERE id = OLD.order_id;
END;

CREATE TRIGGER shipments_page_update AFTER UPDATE ON shipments
WHEN OLD.carrier IS NOT NEW.carrier OR OLD.service IS NOT NEW.service
    OR OLD.tracking_number IS NOT NEW.tracking_number OR OLD.token IS NOT NEW.token
    OR OLD.stage IS NOT NEW.stage OR OLD.substatus IS NOT NEW.substatus
    OR OLD.shipped_at IS NOT NEW.shipped_at OR OLD.delivered_at IS NOT NEW.delivered_at
    OR OLD.last_event_at IS NOT NEW.last_event_at
    OR OLD.carrier_estimated_delivery IS NOT NEW.carrier_estimated_delivery
    OR OLD.estimate_from IS NOT NEW.estimate_from OR OLD.estimate_until IS NOT NEW.estimate_until
    OR OLD.estimate_confidence IS NOT NEW.estimate_confidence
    OR OLD.estimate_basis IS NOT NEW.estimate_basis
BEGIN
    UPDATE orders SET page_revision = page_revision + 1 WHERE id = NEW.order_id;
END;

CREATE TRIGGER orders_page AFTER UPDATE OF store_id, order_number, external_id, customer_name,
    customer_email, customer_phone, customer_locale, customer_timezone, items, city, region,
    postal_code, country, placed_at, promised_date ON orders
BEGIN
    UPDATE orders SET page_revision = page_revision + 1 WHERE id = NEW.id;
END;

CREATE TRIGGER stores_page AFTER UPDATE OF slug, name, branding, default_locale, timezone ON stores
BEGIN
    UPDATE stores SET page_revision = page_revision + 1 WHERE id = NEW.id;
END;
