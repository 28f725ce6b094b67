-- Merchant webhooks (Standard Webhooks): a store's endpoints and every attempt at
-- delivering to them. A message about a shipment is a `notifications` row (channel
-- `webhook`, recipient `endpoint:{id}`); other events (a customer request, a failed
-- notification, a test) are carried by their delivery job alone.

CREATE TABLE webhook_endpoints (
    id              BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    store_id        BIGINT  NOT NULL REFERENCES stores (id) ON DELETE CASCADE,
    url             TEXT    NOT NULL,
    -- JSON array of event names (`shipment.updated`, …).
    events          JSONB   NOT NULL,
    -- The signing secret, sealed by the server for `webhook_endpoints/{store}/{id}`.
    secret          TEXT    NOT NULL,
    -- After a rotation, the secret before it, still signing until `previous_until`.
    previous_secret TEXT,
    previous_until  TIMESTAMPTZ,
    created_at      TIMESTAMPTZ NOT NULL,
    disabled_at     TIMESTAMPTZ,
    disabled_reason TEXT,
    -- The first failed delivery since the last that succeeded.
    failing_since   TIMESTAMPTZ
);

CREATE INDEX webhook_endpoints_store ON webhook_endpoints (store_id, id);

CREATE TABLE webhook_deliveries (
    id              BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    store_id        BIGINT  NOT NULL REFERENCES stores (id) ON DELETE CASCADE,
    endpoint_id     BIGINT  NOT NULL REFERENCES webhook_endpoints (id) ON DELETE CASCADE,
    -- The notification it delivers (`shipment.updated`), if it is one.
    notification_id BIGINT  REFERENCES notifications (id) ON DELETE SET NULL,
    event_type      TEXT    NOT NULL,
    -- What another event is about: the customer request, the failed notification.
    subject_id      BIGINT,
    -- The `webhook-id` header: the same on every attempt at one message.
    webhook_id      TEXT    NOT NULL,
    attempt         INTEGER NOT NULL,
    status_code     INTEGER,
    error           TEXT,
    duration_ms     INTEGER NOT NULL,
    attempted_at    TIMESTAMPTZ NOT NULL
);

CREATE INDEX webhook_deliveries_endpoint ON webhook_deliveries (endpoint_id, id);
CREATE INDEX webhook_deliveries_message ON webhook_deliveries (endpoint_id, webhook_id);
