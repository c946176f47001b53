-- Foundation: accounts for the API and console, the stream table later issues extend, and the
-- engine event log. Hibernate never creates or alters tables: every change is a new V<N>__ file.

-- Logins checked by WildFly's Elytron JDBC realm. password_hash is bcrypt in modular-crypt form
-- ($2a$...), written by the application, never plain text.
CREATE TABLE users (
    username      varchar(64)  PRIMARY KEY CHECK (username ~ '^[A-Za-z0-9._@-]{1,64}$'),
    password_hash varchar(128) NOT NULL,
    created_at    timestamptz  NOT NULL DEFAULT now()
);

CREATE TABLE user_roles (
    username varchar(64) NOT NULL REFERENCES users (username) ON DELETE CASCADE,
    role     varchar(32) NOT NULL CHECK (role IN ('admin', 'viewer')),
    PRIMARY KEY (username, role)
);

-- One row per configured stream. Only the identity for now; the stream configuration model adds
-- its columns in later migrations.
CREATE TABLE streams (
    name       varchar(255) PRIMARY KEY CHECK (name ~ '^[A-Za-z0-9._/-]{1,255}$'),
    created_at timestamptz  NOT NULL DEFAULT now(),
    updated_at timestamptz  NOT NULL DEFAULT now()
);

-- Everything the media engine reports (engine_started, publish_started, source_lost, ...).
CREATE TABLE events (
    id          bigserial    PRIMARY KEY,
    occurred_at timestamptz  NOT NULL,
    recorded_at timestamptz  NOT NULL DEFAULT now(),
    type        varchar(64)  NOT NULL,
    stream      varchar(255),
    node        varchar(255) NOT NULL,
    data        jsonb        NOT NULL DEFAULT '{}'::jsonb
);
CREATE INDEX events_occurred_at_idx ON events (occurred_at);
CREATE INDEX events_stream_occurred_at_idx ON events (stream, occurred_at) WHERE stream IS NOT NULL;
