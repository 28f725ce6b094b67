-- The promise at checkout: the store's order cut-off, the window each order was promised
-- when it arrived, and the transit history grouped by where parcels went.

-- Orders after this local time (HH:MM) count from the next business day.
ALTER TABLE stores ADD COLUMN order_cutoff TEXT NOT NULL DEFAULT '14:00';

-- What the order was promised when it arrived; never recomputed.
ALTER TABLE orders ADD COLUMN promise_from DATE;
ALTER TABLE orders ADD COLUMN promise_until DATE;
ALTER TABLE orders ADD COLUMN promise_ships_by DATE;
ALTER TABLE orders ADD COLUMN promise_basis TEXT;

-- Where the delivered parcel went: the order's country and the first three letters and
-- digits of its postal code, upper case (`wismo_domain::promise::postal_prefix`).
ALTER TABLE transit_samples ADD COLUMN destination_country TEXT NOT NULL DEFAULT '';
ALTER TABLE transit_samples ADD COLUMN postal_prefix TEXT NOT NULL DEFAULT '';

UPDATE transit_samples t SET
    destination_country = coalesce(upper(o.country), ''),
    postal_prefix = coalesce(upper(substr(replace(replace(o.postal_code, ' ', ''), '-', ''), 1, 3)), '')
FROM shipments s JOIN orders o ON o.id = s.order_id
WHERE s.id = t.shipment_id;

-- The newest deliveries of a lane, of a country and of the store.
CREATE INDEX transit_samples_postal
    ON transit_samples (store_id, destination_country, postal_prefix, id);
CREATE INDEX transit_samples_country ON transit_samples (store_id, destination_country, id);
CREATE INDEX transit_samples_store ON transit_samples (store_id, id);

-- The store's newest shipped parcels, for processing times.
CREATE INDEX shipments_shipped ON shipments (store_id, shipped_at) WHERE shipped_at IS NOT NULL;
