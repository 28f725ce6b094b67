-- What carriers tell besides scans (docs/CARRIERS.md, "Parcel facts"): the pickup point
-- holding a parcel, an amount due, the next delivery attempt, where a parcel was left and
-- who signed; and the customer's rating of a delivered parcel.

-- JSON object {pickup?, amount_due?, next_attempt?, rearrange_url?, left_at?, signed_by?}.
ALTER TABLE shipments ADD COLUMN facts JSONB NOT NULL DEFAULT '{}';

CREATE TRIGGER shipments_facts_page AFTER UPDATE OF facts ON shipments
    FOR EACH ROW
    WHEN (OLD.facts IS DISTINCT FROM NEW.facts)
    EXECUTE FUNCTION bump_order_page_revision();

-- One rating per parcel, from its page after delivery; rating again replaces it.
CREATE TABLE delivery_ratings (
    shipment_id BIGINT PRIMARY KEY REFERENCES shipments (id) ON DELETE CASCADE,
    store_id    BIGINT NOT NULL REFERENCES stores (id) ON DELETE CASCADE,
    score       SMALLINT NOT NULL CHECK (score BETWEEN 1 AND 5),
    rated_at    TIMESTAMPTZ NOT NULL
);

CREATE FUNCTION delivery_ratings_page() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE orders SET page_revision = page_revision + 1
    WHERE id = (SELECT order_id FROM shipments WHERE id = NEW.shipment_id);
    RETURN NULL;
END $$;

CREATE TRIGGER delivery_ratings_page AFTER INSERT OR UPDATE ON delivery_ratings
    FOR EACH ROW EXECUTE FUNCTION delivery_ratings_page();
