-- The merchant's own words in a message sent by hand from the admin: the note written when
-- a customer's request was handled, emailed to the customer (docs/ADMIN.md).
ALTER TABLE notifications ADD COLUMN note TEXT;
