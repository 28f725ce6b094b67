-- Every delivery estimate a parcel had, as the pipeline set it: the merchant sees how a
-- date moved, and the page says "was due Tuesday" when it moved later.
CREATE TABLE estimate_revisions (
    id INTEGER PRIMARY KEY,
    shipment_id INTEGER NOT NULL REFERENCES shipments (id) ON DELETE CASCADE,
    estimate_from TEXT NOT NULL,
    estimate_until TEXT NOT NULL,
    estimate_basis TEXT NOT NULL,
    recorded_at INTEGER NOT NULL
);
CREATE INDEX estimate_revisions_by_shipment ON estimate_revisions (shipment_id, id);
-- The last day of the first estimate the parcel had: what the customer was first told.
ALTER TABLE shipments ADD COLUMN first_estimate_until TEXT;
