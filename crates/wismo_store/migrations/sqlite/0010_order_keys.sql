-- One key per order number, as lookups, imports and platform feeds compare them
-- (wismo_domain's `OrderNumber::key`): ASCII letters in lower case, with '#', dashes, spaces
-- and no-break spaces left out, so "#1001" and "1001" are one order. SQLite's lower() folds
-- ASCII only, like the key.
--
-- Orders stored before this migration whose numbers differ only in those characters keep
-- their rows: the oldest keeps the key, each later one gets its id appended ("1001~42"), so
-- the unique index can hold. A lookup then finds the oldest; the others stay reachable by
-- their links and ids.

ALTER TABLE orders ADD COLUMN order_key TEXT NOT NULL DEFAULT '';

UPDATE orders SET order_key =
    lower(replace(replace(replace(replace(order_number, '#', ''), '-', ''), ' ', ''), char(160), ''));

UPDATE orders SET order_key = order_key || '~' || id
WHERE EXISTS (
    SELECT 1 FROM orders AS older
    WHERE older.store_id = orders.store_id AND older.order_key = orders.order_key
      AND older.id < orders.id
);

CREATE UNIQUE INDEX orders_order_key ON orders (store_id, order_key);
