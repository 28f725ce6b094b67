-- The admin's search by a customer's email reads an index (any case, as it is asked).
CREATE INDEX orders_customer_email ON orders (store_id, lower(customer_email));
