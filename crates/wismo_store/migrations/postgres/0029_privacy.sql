-- A customer's personal data erased on request or by the store's retention setting: the
-- order keeps its number, items, parcels and country, and when it was erased.
ALTER TABLE orders ADD COLUMN erased_at TIMESTAMPTZ;

-- How many days after an order finished its personal data is erased (NULL: kept).
ALTER TABLE stores ADD COLUMN retention_days INTEGER;
