-- What carriers tell besides scans (docs/CARRIERS.md, "Parcel facts"): the pickup point
-- holding a parcel, an amount due, the next delivery attempt, where a parcel was left and
-- who signed; and the customer's rating of a delivered parcel.

-- JSON object {pickup?, amount_due?, next_attempt?, rearrange_url?, left_at?, signed_by?}.
ALTER TABLE shipments ADD COLUMN facts TEXT NOT NULL DEFAULT '{}';

CREATE TRIGGER shipments_facts_page AFTER UPDATE OF facts ON shipments
WHEN OLD.facts IS NOT NEW.facts
BEGIN
    UPDATE orders SET page_revision = page_revision + 1 WHERE id = NEW.order_id;
END;

-- One rating per parcel, from its page after delivery; rating again replaces it.
CREATE TABLE delivery_ratings (
    shipment_id INTEGER PRIMARY KEY REFERENCES shipments (id) ON DELETE CASCADE,
    store_id    INTEGER NOT NULL REFERENCES stores (id) ON DELETE CASCADE,
    score       INTEGER NOT NULL CHECK (score BETWEEN 1 AND 5),
    rated_at    INTEGER NOT NULL
) STRICT;

CREATE TRIGGER delivery_ratings_page_insert AFTER INSERT ON delivery_ratings BEGIN
    UPDATE orders SET page_revision = page_revision + 1
    WHERE id = (SELECT order_id FROM shipments WHERE id = NEW.shipment_id);
END;

CREATE TRIGGER delivery_ratings_page_update AFTER UPDATE ON delivery_ratings BEGIN
    UPDATE orders SET page_revision = page_revision + 1
    WHERE id = (SELECT order_id FROM shipments WHERE id = NEW.shipment_id);
END;
