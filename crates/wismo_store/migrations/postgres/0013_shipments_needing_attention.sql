-- A store's parcels that need attention (the daily digest, the admin's "exceptions
-- first" list) without reading its other shipments.
CREATE INDEX shipments_attention ON shipments (store_id, stage)
    WHERE stage IN ('exception', 'action_required', 'delayed');
