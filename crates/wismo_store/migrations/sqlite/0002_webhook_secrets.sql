-- Per-store secrets that inbound aggregator webhooks (EasyPost, AfterShip, 17TRACK) are
-- signed with. Kept as given: verifying an HMAC needs the secret itself.
CREATE TABLE webhook_secrets (
    store_id   INTEGER NOT NULL REFERENCES stores (id) ON DELETE CASCADE,
    provider   TEXT    NOT NULL,
    secret     TEXT    NOT NULL,
    updated_at INTEGER NOT NULL,
    PRIMARY KEY (store_id, provider)
) STRICT;
