-- Orders from checkout on (docs/INTEGRATIONS.md, "Before the parcel moves"): where an order
-- came from, which decides whether wismo confirms it to the customer; which items each
-- parcel holds, for the order's own stage and each item's; and the orders still waiting
-- for their first parcel, which are raised once as stalled when they wait too long.

-- api, shopify, woocommerce, generic or import.
ALTER TABLE orders ADD COLUMN placed_via TEXT NOT NULL DEFAULT 'api';
-- When the order was raised as not shipped in time.
ALTER TABLE orders ADD COLUMN stalled_at TIMESTAMPTZ;
-- While the order has no parcel and is neither cancelled nor raised: when it was placed.
-- Every insert of an order sets it; the triggers below clear it when a parcel is added or
-- the order cancelled, however they are written.
ALTER TABLE orders ADD COLUMN awaiting_parcel_since TIMESTAMPTZ;
-- JSON array of {sku?, name?, quantity}: which of the order's items the parcel holds;
-- empty when not said.
ALTER TABLE shipments ADD COLUMN contents JSONB NOT NULL DEFAULT '[]';

-- Orders that already wait, placed in the last 30 days (older ones are not raised now).
UPDATE orders SET awaiting_parcel_since = COALESCE(placed_at, created_at)
WHERE cancelled_at IS NULL
  AND COALESCE(placed_at, created_at) > now() - interval '30 days'
  AND NOT EXISTS (SELECT 1 FROM shipments WHERE shipments.order_id = orders.id);

CREATE INDEX orders_awaiting_parcel ON orders (store_id, awaiting_parcel_since)
    WHERE awaiting_parcel_since IS NOT NULL;
CREATE INDEX orders_stalled ON orders (store_id, stalled_at) WHERE stalled_at IS NOT NULL;

-- The order's first parcel or its cancellation ends the wait.
CREATE FUNCTION shipments_end_await() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE orders SET awaiting_parcel_since = NULL
    WHERE id = NEW.order_id AND awaiting_parcel_since IS NOT NULL;
    RETURN NULL;
END $$;

CREATE TRIGGER shipments_end_await AFTER INSERT ON shipments
    FOR EACH ROW EXECUTE FUNCTION shipments_end_await();

CREATE FUNCTION orders_cancel_await() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE orders SET awaiting_parcel_since = NULL WHERE id = NEW.id;
    RETURN NULL;
END $$;

CREATE TRIGGER orders_cancel_await AFTER UPDATE OF cancelled_at ON orders
    FOR EACH ROW WHEN (NEW.cancelled_at IS NOT NULL AND NEW.awaiting_parcel_since IS NOT NULL)
    EXECUTE FUNCTION orders_cancel_await();
