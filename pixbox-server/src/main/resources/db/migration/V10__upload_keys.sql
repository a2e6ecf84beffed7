-- Idempotency keys of uploads: a client that retries an upload whose answer it never got sends the same key, and
-- is answered the images the first attempt made instead of getting a second set. Scoped per account; rows older
-- than pixbox.uploads.idempotency.ttl are swept by the scheduler.
CREATE TABLE upload_keys (
    owner_id         UUID          NOT NULL,
    idempotency_key  VARCHAR(255)  NOT NULL,
    fingerprint      CHAR(64)      NOT NULL,
    image_ids        VARCHAR(100000),
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (owner_id, idempotency_key)
);
CREATE INDEX upload_keys_by_age ON upload_keys (created_at);
