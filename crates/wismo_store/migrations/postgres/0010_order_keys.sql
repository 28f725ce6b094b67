-- One key per order number, as lookups, imports and platform feeds compare them
-- (wismo_domain's `OrderNumber::key`): ASCII letters in lower case, with '#', dashes, spaces
-- and no-break spaces left out, so "#1001" and "1001" are one order. translate() folds
-- exactly those characters (lower() would follow the collation beyond ASCII).
--
-- Orders stored before this migration whose numbers differ only in those characters keep
-- their rows: the oldest keeps the key, each later one gets its id appended ("1001~42"), so
-- the unique index can hold. A lookup then finds the oldest; the others stay reachable by
-- their links and ids.

ALTER TABLE orders ADD COLUMN order_key TEXT NOT NULL DEFAULT '';

UPDATE orders SET order_key = translate(
    order_number,
    'ABCDEFGHIJKLMNOPQRSTUVWXYZ#- ' || chr(160),
    'abcdefghijklmnopqrstuvwxyz'
);

UPDATE orders AS later SET order_key = later.order_key || '~' || later.id
WHERE EXISTS (
    SELECT 1 FROM orders AS older
    WHERE older.store_id = later.store_id AND older.order_key = later.order_key
      AND older.id < later.id
);

CREATE UNIQUE INDEX orders_order_key ON orders (store_id, order_key);
