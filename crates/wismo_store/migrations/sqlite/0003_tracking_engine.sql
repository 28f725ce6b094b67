-- The tracking engine: the stage the carrier's events lead to (kept apart from the stage
-- customers see, which delay detection may override), the delivery estimate, polling
-- leases, milestones and the store's transit-time history.

-- What the transition rules made of the events; `stage` is what customers see.
ALTER TABLE shipments ADD COLUMN event_stage TEXT NOT NULL DEFAULT 'pending';
ALTER TABLE shipments ADD COLUMN event_substatus TEXT;
UPDATE shipments SET event_stage = stage, event_substatus = substatus;

-- The delivery estimate in force: the carrier's, or predicted from history. Dates are
-- `YYYY-MM-DD`; confidence is a percentage.
ALTER TABLE shipments ADD COLUMN estimate_from TEXT;
ALTER TABLE shipments ADD COLUMN estimate_until TEXT;
ALTER TABLE shipments ADD COLUMN estimate_confidence INTEGER;
ALTER TABLE shipments ADD COLUMN estimate_basis TEXT;
-- Where the carrier first had the parcel ("US-GA"), for the lane of the estimate.
ALTER TABLE shipments ADD COLUMN origin_region TEXT;

-- Polling. A claimed shipment's `next_poll_at` is its lease's end: a dead worker's lease
-- runs out by itself. `lease_token` grows at every claim; finishing must present it.
ALTER TABLE shipments ADD COLUMN lease_owner TEXT;
ALTER TABLE shipments ADD COLUMN lease_token INTEGER NOT NULL DEFAULT 0;
ALTER TABLE shipments ADD COLUMN lease_due_at INTEGER;
ALTER TABLE shipments ADD COLUMN last_polled_at INTEGER;
ALTER TABLE shipments ADD COLUMN poll_count INTEGER NOT NULL DEFAULT 0;
ALTER TABLE shipments ADD COLUMN push_fed_at INTEGER;

-- Shipments registered before polling existed are due now.
UPDATE shipments SET next_poll_at = updated_at
 WHERE next_poll_at IS NULL AND stage NOT IN ('delivered', 'returned', 'expired', 'cancelled');

DROP INDEX shipments_next_poll;
CREATE INDEX shipments_due ON shipments (next_poll_at) WHERE next_poll_at IS NOT NULL;

-- Milestones reached, once each per shipment: what notifications are sent from.
CREATE TABLE milestones (
    id               INTEGER PRIMARY KEY,
    shipment_id      INTEGER NOT NULL REFERENCES shipments (id) ON DELETE CASCADE,
    store_id         INTEGER NOT NULL REFERENCES stores (id) ON DELETE CASCADE,
    milestone        TEXT    NOT NULL,
    substatus        TEXT,
    reached_at       INTEGER NOT NULL,
    recorded_at      INTEGER NOT NULL,
    -- The carrier's estimate at that moment (how early "out for delivery" comes).
    carrier_estimate INTEGER,
    UNIQUE (shipment_id, milestone)
) STRICT;

CREATE INDEX milestones_store ON milestones (store_id, id);
CREATE INDEX milestones_kind ON milestones (milestone, id);

-- One row per delivered shipment: how many business days it took, on which lane.
CREATE TABLE transit_samples (
    id                 INTEGER PRIMARY KEY,
    store_id           INTEGER NOT NULL REFERENCES stores (id) ON DELETE CASCADE,
    shipment_id        INTEGER NOT NULL UNIQUE REFERENCES shipments (id) ON DELETE CASCADE,
    carrier            TEXT    NOT NULL,
    service            TEXT    NOT NULL,
    origin_region      TEXT    NOT NULL,
    destination_region TEXT    NOT NULL,
    business_days      INTEGER NOT NULL,
    shipped_on         TEXT    NOT NULL,
    delivered_on       TEXT    NOT NULL,
    recorded_at        INTEGER NOT NULL
) STRICT;

CREATE INDEX transit_samples_lane
    ON transit_samples (store_id, carrier, service, origin_region, destination_region, id);
CREATE INDEX transit_samples_service ON transit_samples (store_id, carrier, service, id);
CREATE INDEX transit_samples_carrier ON transit_samples (store_id, carrier, id);
