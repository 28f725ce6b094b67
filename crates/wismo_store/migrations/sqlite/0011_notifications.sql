-- Notifications (docs/NOTIFICATIONS.md): the outbox the pipeline writes in the same
-- transaction as the milestone that causes a message, and each message's attempts, kept
-- for good. The job that sends a message holds only its retry state.

-- What the customer agreed to be told by, as it stands after any opt-out (JSON object of
-- channel → bool; email on unless said otherwise).
ALTER TABLE orders ADD COLUMN consent TEXT NOT NULL
    DEFAULT '{"email":true,"sms":false,"whatsapp":false,"voice":false}';

-- The store's notification policy (wismo_domain's `NotifyPolicy`); `{}` is the defaults.
ALTER TABLE stores ADD COLUMN notify_policy TEXT NOT NULL DEFAULT '{}';

CREATE TABLE notifications (
    id          INTEGER PRIMARY KEY,
    store_id    INTEGER NOT NULL REFERENCES stores (id) ON DELETE CASCADE,
    order_id    INTEGER NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
    channel     TEXT    NOT NULL,
    moment      TEXT    NOT NULL,
    -- queued, sent, delivered, failed, skipped.
    status      TEXT    NOT NULL,
    skip_reason TEXT,
    -- The address, number or endpoint it goes to.
    recipient   TEXT    NOT NULL,
    -- Random, fixed at insert: with the id, the message's identity on every retry
    -- (email Message-ID, webhook-id).
    identity    TEXT    NOT NULL,
    send_at     INTEGER NOT NULL,
    -- Later moments join it until then.
    burst_until INTEGER NOT NULL,
    attempts    INTEGER NOT NULL DEFAULT 0,
    provider_id TEXT,
    last_error  TEXT,
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL,
    sent_at     INTEGER
) STRICT;

CREATE INDEX notifications_order ON notifications (order_id, id);
-- Messages still in their burst window, which a new moment joins.
CREATE INDEX notifications_open ON notifications (order_id, channel, burst_until)
    WHERE status = 'queued';

-- Which parcels a message is about.
CREATE TABLE notification_shipments (
    notification_id INTEGER NOT NULL REFERENCES notifications (id) ON DELETE CASCADE,
    shipment_id     INTEGER NOT NULL REFERENCES shipments (id) ON DELETE CASCADE,
    PRIMARY KEY (notification_id, shipment_id)
) STRICT;

CREATE INDEX notification_shipments_shipment ON notification_shipments (shipment_id, notification_id);

-- Every attempt at sending, with what the provider said.
CREATE TABLE notification_attempts (
    id              INTEGER PRIMARY KEY,
    notification_id INTEGER NOT NULL REFERENCES notifications (id) ON DELETE CASCADE,
    attempted_at    INTEGER NOT NULL,
    -- sent, retry (a transient failure), failed (a permanent one), skipped.
    outcome         TEXT    NOT NULL,
    provider_id     TEXT,
    error           TEXT
) STRICT;

CREATE INDEX notification_attempts_of ON notification_attempts (notification_id, id);

-- A customer's opt-out from a store's messages on a channel, by contact (an email address
-- in lower case, a phone number): it beats any later order's consent.
CREATE TABLE opt_outs (
    store_id   INTEGER NOT NULL REFERENCES stores (id) ON DELETE CASCADE,
    contact    TEXT    NOT NULL,
    channel    TEXT    NOT NULL,
    created_at INTEGER NOT NULL,
    PRIMARY KEY (store_id, contact, channel)
) STRICT;

-- Pages say which updates the customer will get: a consent or policy change renders them
-- anew.
CREATE TRIGGER orders_consent_page AFTER UPDATE OF consent ON orders BEGIN
    UPDATE orders SET page_revision = page_revision + 1 WHERE id = NEW.id;
END;

CREATE TRIGGER stores_notify_page AFTER UPDATE OF notify_policy ON stores BEGIN
    UPDATE stores SET page_revision = page_revision + 1 WHERE id = NEW.id;
END;
