-- Every delivery estimate a parcel had, as the pipeline set it: the merchant sees how a
-- date moved, and the page says "was due Tuesday" when it moved later.
CREATE TABLE estimate_revisions (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    shipment_id BIGINT NOT NULL REFERENCES shipments (id) ON DELETE CASCADE,
    estimate_from DATE NOT NULL,
    estimate_until DATE NOT NULL,
    estimate_basis TEXT NOT NULL,
    recorded_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX estimate_revisions_by_shipment ON estimate_revisions (shipment_id, id);
-- The last day of the first estimate the parcel had: what the customer was first told.
ALTER TABLE shipments ADD COLUMN first_estimate_until DATE;
