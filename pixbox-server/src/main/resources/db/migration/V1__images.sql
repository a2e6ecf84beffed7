-- Originals are stored once per content hash; images are uploads that point at one.
CREATE TABLE originals (
    sha256      CHAR(64)     PRIMARY KEY,
    object_key  VARCHAR(300) NOT NULL,
    format      VARCHAR(10)  NOT NULL,
    bytes       BIGINT       NOT NULL,
    width       INTEGER      NOT NULL,
    height      INTEGER      NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE images (
    id            UUID         PRIMARY KEY,
    owner         VARCHAR(100),
    file_name     VARCHAR(255) NOT NULL,
    content_type  VARCHAR(50)  NOT NULL,
    sha256        CHAR(64)     NOT NULL REFERENCES originals (sha256),
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX images_by_file_name ON images (file_name);
CREATE INDEX images_by_sha256 ON images (sha256);
CREATE INDEX images_newest_first ON images (created_at DESC, id DESC);

-- A variant's bytes belong to the original (they are keyed by content hash and recipe); a row here says
-- that this image has that variant.
CREATE TABLE variants (
    id          UUID          PRIMARY KEY,
    image_id    UUID          NOT NULL REFERENCES images (id) ON DELETE CASCADE,
    recipe      VARCHAR(1000) NOT NULL,
    object_key  VARCHAR(300)  NOT NULL,
    format      VARCHAR(10)   NOT NULL,
    bytes       BIGINT        NOT NULL,
    width       INTEGER       NOT NULL,
    height      INTEGER       NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT variants_one_per_recipe UNIQUE (image_id, recipe)
);
