-- Accounts, their refresh tokens (rotated, in families) and personal API tokens. Tokens are stored as SHA-256
-- hashes only. V3 is left to the broker outbox.
CREATE TABLE accounts (
    id             UUID         PRIMARY KEY,
    username       VARCHAR(32)  NOT NULL,
    email          VARCHAR(254) NOT NULL,
    password_hash  VARCHAR(200),
    role           VARCHAR(10)  NOT NULL,
    created_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT accounts_username_unique UNIQUE (username),
    CONSTRAINT accounts_email_unique UNIQUE (email),
    CONSTRAINT accounts_role_known CHECK (role IN ('user', 'admin'))
);

-- Sign-ins with an external provider (GitHub, any OpenID Connect provider), linked to an account.
CREATE TABLE account_identities (
    provider    VARCHAR(50)  NOT NULL,
    subject     VARCHAR(255) NOT NULL,
    account_id  UUID         NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (provider, subject)
);

CREATE TABLE refresh_tokens (
    id          UUID      PRIMARY KEY,
    account_id  UUID      NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    family_id   UUID      NOT NULL,
    token_hash  CHAR(64)  NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    used_at     TIMESTAMP WITH TIME ZONE,
    revoked_at  TIMESTAMP WITH TIME ZONE,
    CONSTRAINT refresh_tokens_hash_unique UNIQUE (token_hash)
);
CREATE INDEX refresh_tokens_by_family ON refresh_tokens (family_id);

CREATE TABLE api_tokens (
    id            UUID         PRIMARY KEY,
    account_id    UUID         NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    name          VARCHAR(100) NOT NULL,
    token_hash    CHAR(64)     NOT NULL,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    last_used_at  TIMESTAMP WITH TIME ZONE,
    revoked_at    TIMESTAMP WITH TIME ZONE,
    CONSTRAINT api_tokens_hash_unique UNIQUE (token_hash)
);
CREATE INDEX api_tokens_by_account ON api_tokens (account_id);

-- Images belong to the account that uploaded them; those uploaded before accounts existed belong to no one
-- (only an admin may change them).
ALTER TABLE images DROP COLUMN owner;
ALTER TABLE images ADD COLUMN owner_id UUID REFERENCES accounts (id);
CREATE INDEX images_by_owner ON images (owner_id);
