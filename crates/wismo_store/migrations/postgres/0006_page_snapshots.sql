-- Tracking pages as rendered, kept until something they show changes, so a repeat view is
-- one lookup instead of a read of the whole order and a render (docs/ARCHITECTURE.md,
-- "Page snapshots").
--
-- `page_revision` counts the changes a page can show. Triggers bump it, so no write path
-- can forget to: an order's on any change to the order, its shipments or their scans; a
-- store's on any change to its name, slug, branding, language or time zone. A snapshot is
-- served only while both revisions it was rendered at are current. Shipment columns only
-- the polling engine uses (leases, next poll, counters) do not bump it.

ALTER TABLE orders ADD COLUMN page_revision BIGINT NOT NULL DEFAULT 0;
ALTER TABLE stores ADD COLUMN page_revision BIGINT NOT NULL DEFAULT 0;

CREATE TABLE page_snapshots (
    shipment_id    BIGINT      NOT NULL REFERENCES shipments (id) ON DELETE CASCADE,
    lang           TEXT        NOT NULL,
    order_revision BIGINT      NOT NULL,
    store_revision BIGINT      NOT NULL,
    -- The templates and texts the page was rendered with.
    build          TEXT        NOT NULL,
    -- The page as its server keeps it (wismo: gzip-compressed HTML).
    body           BYTEA       NOT NULL,
    rendered_at    TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (shipment_id, lang)
);

CREATE FUNCTION bump_order_page_revision() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    changed RECORD;
BEGIN
    IF TG_OP = 'DELETE' THEN
        changed := OLD;
    ELSE
        changed := NEW;
    END IF;
    IF TG_TABLE_NAME = 'tracking_events' THEN
        UPDATE orders SET page_revision = page_revision + 1
        WHERE id = (SELECT order_id FROM shipments WHERE id = changed.shipment_id);
    ELSIF TG_TABLE_NAME = 'shipments' THEN
        UPDATE orders SET page_revision = page_revision + 1 WHERE id = changed.order_id;
    ELSIF TG_TABLE_NAME = 'orders' THEN
        UPDATE orders SET page_revision = page_revision + 1 WHERE id = changed.id;
    ELSE
        UPDATE stores SET page_revision = page_revision + 1 WHERE id = changed.id;
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER tracking_events_page AFTER INSERT OR DELETE ON tracking_events
    FOR EACH ROW EXECUTE FUNCTION bump_order_page_revision();

CREATE TRIGGER shipments_page_insert AFTER INSERT OR DELETE ON shipments
    FOR EACH ROW EXECUTE FUNCTION bump_order_page_revision();

CREATE TRIGGER shipments_page_update AFTER UPDATE ON shipments
    FOR EACH ROW
    WHEN (OLD.carrier IS DISTINCT FROM NEW.carrier OR OLD.service IS DISTINCT FROM NEW.service
        OR OLD.tracking_number IS DISTINCT FROM NEW.tracking_number OR OLD.token IS DISTINCT FROM NEW.token
        OR OLD.stage IS DISTINCT FROM NEW.stage OR OLD.substatus IS DISTINCT FROM NEW.substatus
        OR OLD.shipped_at IS DISTINCT FROM NEW.shipped_at OR OLD.delivered_at IS DISTINCT FROM NEW.delivered_at
        OR OLD.last_event_at IS DISTINCT FROM NEW.last_event_at
        OR OLD.carrier_estimated_delivery IS DISTINCT FROM NEW.carrier_estimated_delivery
        OR OLD.estimate_from IS DISTINCT FROM NEW.estimate_from
        OR OLD.estimate_until IS DISTINCT FROM NEW.estimate_until
        OR OLD.estimate_confidence IS DISTINCT FROM NEW.estimate_confidence
        OR OLD.estimate_basis IS DISTINCT FROM NEW.estimate_basis)
    EXECUTE FUNCTION bump_order_page_revision();

CREATE TRIGGER orders_page AFTER UPDATE OF store_id, order_number, external_id, customer_name,
    customer_email, customer_phone, customer_locale, customer_timezone, items, city, region,
    postal_code, country, placed_at, promised_date ON orders
    FOR EACH ROW EXECUTE FUNCTION bump_order_page_revision();

CREATE TRIGGER stores_page AFTER UPDATE OF slug, name, branding, default_locale, timezone ON stores
    FOR EACH ROW EXECUTE FUNCTION bump_order_page_revision();
