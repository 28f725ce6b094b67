-- The admin with a million parcels.
--
-- Search by a customer's name: a full-text index of the names' words (FTS5, diacritics
-- folded), kept by the triggers below in the same transaction as the order, so a search
-- for the start of a word ("gar" finds "Ana García") reads the index instead of every
-- order. The index holds no text of its own (its content is `orders.customer_name`);
-- erasing a name removes its words.
CREATE VIRTUAL TABLE order_names USING fts5 (
    customer_name,
    content = 'orders',
    content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2',
    detail = 'none',
    prefix = '2 3'
);
INSERT INTO order_names (order_names) VALUES ('rebuild');

CREATE TRIGGER order_names_insert AFTER INSERT ON orders
WHEN new.customer_name IS NOT NULL BEGIN
    INSERT INTO order_names (rowid, customer_name) VALUES (new.id, new.customer_name);
END;

CREATE TRIGGER order_names_delete AFTER DELETE ON orders
WHEN old.customer_name IS NOT NULL BEGIN
    INSERT INTO order_names (order_names, rowid, customer_name)
    VALUES ('delete', old.id, old.customer_name);
END;

CREATE TRIGGER order_names_update AFTER UPDATE OF customer_name ON orders BEGIN
    INSERT INTO order_names (order_names, rowid, customer_name)
    SELECT 'delete', old.id, old.customer_name WHERE old.customer_name IS NOT NULL;
    INSERT INTO order_names (rowid, customer_name)
    SELECT new.id, new.customer_name WHERE new.customer_name IS NOT NULL;
END;

-- The attention list's parcels in trouble in the order it shows them (oldest news first),
-- with what a row shows, so its first page reads 50 index entries, not every parcel in
-- trouble and its order.
CREATE INDEX shipments_attention_since ON shipments
    (store_id, (COALESCE(last_event_at, created_at)), stage, substatus, order_id)
    WHERE stage IN ('exception', 'action_required', 'delayed');
