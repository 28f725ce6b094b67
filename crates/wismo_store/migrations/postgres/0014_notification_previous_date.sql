-- The day a parcel was due before its delivery date moved: a delivery_date_changed
-- message says "was Tuesday, now Thursday". Kept from the first move of a burst.
ALTER TABLE notifications ADD COLUMN previous_date DATE;
