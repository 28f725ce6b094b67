-- The admin with a million parcels.
--
-- Search by a customer's name: the words of the name (the `simple` configuration: lower
-- case, no stemming) in a GIN index, so a search for the start of a word ("gar" finds
-- "Ana Garcia", as `gar:*`) reads the index instead of every order.
CREATE INDEX orders_customer_name_words ON orders
    USING gin (to_tsvector('simple', COALESCE(customer_name, '')));

-- The attention list's parcels in trouble in the order it shows them (oldest news first),
-- with what a row shows, so its first page reads 50 index entries, not every parcel in
-- trouble and its order.
CREATE INDEX shipments_attention_since ON shipments
    (store_id, (COALESCE(last_event_at, created_at)), stage, substatus, order_id)
    WHERE stage IN ('exception', 'action_required', 'delayed');
