-- Direct uploads: a client asked for a URL to PUT one object straight into the originals store, under a staging
-- key of the upload's own; completing it (by the client or a storage event, whichever comes first) validates the
-- object and makes an image of it.
CREATE TABLE uploads (
    id            UUID          PRIMARY KEY,
    owner_id      UUID          NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    file_name     VARCHAR(255)  NOT NULL,
    content_type  VARCHAR(50)   NOT NULL,
    bytes         BIGINT        NOT NULL,
    recipes       VARCHAR(4000) NOT NULL,
    object_key    VARCHAR(300)  NOT NULL,
    state         VARCHAR(10)   NOT NULL,
    error_code    VARCHAR(60),
    reason        VARCHAR(1000),
    image_id      UUID          REFERENCES images (id) ON DELETE SET NULL,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    finished_at   TIMESTAMP WITH TIME ZONE,
    CONSTRAINT uploads_state_known CHECK (state IN ('pending', 'completed', 'failed', 'expired'))
);
CREATE INDEX uploads_by_state_and_expiry ON uploads (state, expires_at);

-- Objects that appeared in the originals store by a route of their own (aws s3 cp, rclone, another program), as
-- storage events reported them: the image made of each, or why none was.
CREATE TABLE bucket_objects (
    object_key  VARCHAR(1024) PRIMARY KEY,
    etag        VARCHAR(200),
    bytes       BIGINT,
    state       VARCHAR(10)   NOT NULL,
    error_code  VARCHAR(60),
    reason      VARCHAR(1000),
    image_id    UUID          REFERENCES images (id) ON DELETE SET NULL,
    updated_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT bucket_objects_state_known CHECK (state IN ('imported', 'rejected', 'removed'))
);
CREATE INDEX bucket_objects_by_image ON bucket_objects (image_id);
