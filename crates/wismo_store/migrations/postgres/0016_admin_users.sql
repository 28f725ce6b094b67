-- The merchant admin: users (one store each, email unique across the server), their
-- sessions, and one-time links that set a password or claim a store on first run. Secrets
-- are kept only as SHA-256 hex (session ids, link tokens) or argon2id PHC strings
-- (passwords).

CREATE TABLE admin_users (
    id            BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    store_id      BIGINT      NOT NULL REFERENCES stores (id) ON DELETE CASCADE,
    -- Lower case: one account per address, however it is typed.
    email         TEXT        NOT NULL UNIQUE,
    role          TEXT        NOT NULL CHECK (role IN ('owner', 'staff')),
    -- argon2id in PHC form; NULL until the user's set-up link is used.
    password_hash TEXT,
    created_at    TIMESTAMPTZ NOT NULL
);

CREATE INDEX admin_users_store ON admin_users (store_id, id);

CREATE TABLE admin_sessions (
    -- SHA-256 of the cookie's value: a copy of the table holds no live session.
    id_hash      TEXT        PRIMARY KEY,
    user_id      BIGINT      NOT NULL REFERENCES admin_users (id) ON DELETE CASCADE,
    -- The session's CSRF token, sent back in every form.
    csrf         TEXT        NOT NULL,
    created_at   TIMESTAMPTZ NOT NULL,
    last_seen_at TIMESTAMPTZ NOT NULL
);

CREATE INDEX admin_sessions_user ON admin_sessions (user_id);

CREATE TABLE admin_links (
    -- SHA-256 of the link's token.
    token_hash TEXT        PRIMARY KEY,
    purpose    TEXT        NOT NULL CHECK (purpose IN ('set_password', 'claim')),
    -- The user whose password it sets.
    user_id    BIGINT      REFERENCES admin_users (id) ON DELETE CASCADE,
    -- The store a first-run link claims; NULL makes a new one.
    store_id   BIGINT      REFERENCES stores (id) ON DELETE CASCADE,
    created_at TIMESTAMPTZ NOT NULL,
    expires_at TIMESTAMPTZ NOT NULL
);

-- Parcels that expired lately, for the admin's attention list (older ones drop off it).
CREATE INDEX shipments_expired ON shipments (store_id, updated_at) WHERE stage = 'expired';
-- Messages that failed, for the same list.
CREATE INDEX notifications_failed ON notifications (store_id, created_at) WHERE status = 'failed';

-- What the merchant wrote when marking a customer's request handled.
ALTER TABLE customer_requests ADD COLUMN handled_note TEXT;
ALTER TABLE customer_requests ADD COLUMN handled_at TIMESTAMPTZ;
