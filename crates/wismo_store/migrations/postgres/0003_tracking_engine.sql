-- The tracking engine: the stage the carrier's events lead to (kept apart from the stage
-- customers see, which delay detection may override), the delivery estimate, polling
-- leases, milestones and the store's transit-time history.

-- What the transition rules made of the events; `stage` is what customers see.
ALTER TABLE shipments
    ADD COLUMN event_stage TEXT NOT NULL DEFAULT 'pending',
    ADD COLUMN event_substatus TEXT,
    -- The delivery estimate in force: the carrier's, or predicted from history.
    -- Confidence is a percentage.
    ADD COLUMN estimate_from DATE,
    ADD COLUMN estimate_until DATE,
    ADD COLUMN estimate_confidence INTEGER,
    ADD COLUMN estimate_basis TEXT,
    -- Where the carrier first had the parcel ("US-GA"), for the lane of the estimate.
    ADD COLUMN origin_region TEXT,
    -- Polling. A claimed shipment's `next_poll_at` is its lease's end: a dead worker's
    -- lease runs out by itself. `lease_token` grows at every claim; finishing must
    -- present it.
    ADD COLUMN lease_owner TEXT,
    ADD COLUMN lease_token BIGINT NOT NULL DEFAULT 0,
    ADD COLUMN lease_due_at TIMESTAMPTZ,
    ADD COLUMN last_polled_at TIMESTAMPTZ,
    ADD COLUMN poll_count BIGINT NOT NULL DEFAULT 0,
    ADD COLUMN push_fed_at TIMESTAMPTZ;

UPDATE shipments SET event_stage = stage, event_substatus = substatus;

-- Shipments registered before polling existed are due now.
UPDATE shipments SET next_poll_at = updated_at
 WHERE next_poll_at IS NULL AND stage NOT IN ('delivered', 'returned', 'expired', 'cancelled');

DROP INDEX shipments_next_poll;
CREATE INDEX shipments_due ON shipments (next_poll_at) WHERE next_poll_at IS NOT NULL;

-- Milestones reached, once each per shipment: what notifications are sent from.
CREATE TABLE milestones (
    id               BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    shipment_id      BIGINT      NOT NULL REFERENCES shipments (id) ON DELETE CASCADE,
    store_id         BIGINT      NOT NULL REFERENCES stores (id) ON DELETE CASCADE,
    milestone        TEXT        NOT NULL,
    substatus        TEXT,
    reached_at       TIMESTAMPTZ NOT NULL,
    recorded_at      TIMESTAMPTZ NOT NULL,
    -- The carrier's estimate at that moment (how early "out for delivery" comes).
    carrier_estimate TIMESTAMPTZ,
    UNIQUE (shipment_id, milestone)
);

CREATE INDEX milestones_store ON milestones (store_id, id);
CREATE INDEX milestones_kind ON milestones (milestone, id);

-- One row per delivered shipment: how many business days it took, on which lane.
CREATE TABLE transit_samples (
    id                 BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    store_id           BIGINT      NOT NULL REFERENCES stores (id) ON DELETE CASCADE,
    shipment_id        BIGINT      NOT NULL UNIQUE REFERENCES shipments (id) ON DELETE CASCADE,
    carrier            TEXT        NOT NULL,
    service            TEXT        NOT NULL,
    origin_region      TEXT        NOT NULL,
    destination_region TEXT        NOT NULL,
    business_days      INTEGER     NOT NULL,
    shipped_on         DATE        NOT NULL,
    delivered_on       DATE        NOT NULL,
    recorded_at        TIMESTAMPTZ NOT NULL
);

CREATE INDEX transit_samples_lane
    ON transit_samples (store_id, carrier, service, origin_region, destination_region, id);
CREATE INDEX transit_samples_service ON transit_samples (store_id, carrier, service, id);
CREATE INDEX transit_samples_carrier ON transit_samples (store_id, carrier, id);
