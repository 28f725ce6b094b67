-- Each store's key for the order links its platform's own emails carry
-- (`/{store}/o/{platform}/{id}?s=…`, `s` the HMAC-SHA256 of `{platform}:{id}` under the key).
-- Sealed by the server for `order_links/{store}`. Made by wismo and shown once; a rotation
-- replaces it, so links signed with the old key stop opening.
CREATE TABLE order_link_keys (
    store_id   BIGINT      NOT NULL PRIMARY KEY REFERENCES stores (id) ON DELETE CASCADE,
    key        TEXT        NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    rotated_at TIMESTAMPTZ
);
