-- What carriers tell besides scans (docs/CARRIERS.md, "Parcel facts"): the pickup point
-- holding a parcel, an amount due, the next delivery attempt, where a parcel was left and
-- who signed; and the customer's rating of a delivered parcel, from its page.

-- JSON object {pickup?, amount_due?, next_attempt?, rearrange_url?, left_at?, signed_by?}.
ALTER TABLE shipments ADD COLUMN facts JSONB NOT NULL DEFAULT '{}';

-- 1 to 5, from the parcel's page once delivered; rating again replaces it.
ALTER TABLE shipments ADD COLUMN rating INTEGER CHECK (rating BETWEEN 1 AND 5);
ALTER TABLE shipments ADD COLUMN rated_at TIMESTAMPTZ;

CREATE TRIGGER shipments_facts_page AFTER UPDATE OF facts, rating ON shipments
    FOR EACH ROW
    WHEN (OLD.facts IS DISTINCT FROM NEW.facts OR OLD.rating IS DISTINCT FROM NEW.rating)
    EXECUTE FUNCTION bump_order_page_revision();
