-- Every order has a private link of its own (`/t/{token}`: all its parcels on one page),
-- beside each parcel's. The server gives a new order its token (wismo_domain's `OrderToken`:
-- 18 random bytes as 24 characters of base64url). Orders made before this migration get one
-- here, in the same form: 18 bytes from `gen_random_uuid()` (PostgreSQL's strong random
-- source; the first 6 bytes of a version 4 UUID are all random), three UUIDs an order,
-- written in base64url.

ALTER TABLE orders ADD COLUMN token TEXT;

UPDATE orders SET token = translate(encode(
        substring(uuid_send(gen_random_uuid()) FROM 1 FOR 6)
        || substring(uuid_send(gen_random_uuid()) FROM 1 FOR 6)
        || substring(uuid_send(gen_random_uuid()) FROM 1 FOR 6),
        'base64'), '+/', '-_');

ALTER TABLE orders ALTER COLUMN token SET NOT NULL;

CREATE UNIQUE INDEX orders_token ON orders (token);
