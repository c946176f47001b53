-- Event sinks (the reference's notify NAME { ... } blocks): the definition is one JSON document in
-- the API's shape (sink URL, only/except rules, sign_key, verbose); few rows, always read whole.
CREATE TABLE notify_sinks (
    name       varchar(64) PRIMARY KEY CHECK (name ~ '^[A-Za-z0-9_.-]{1,64}$'),
    definition jsonb       NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
);
