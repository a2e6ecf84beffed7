-- Posts: a caption and one or more images, in the feed newest first.
CREATE TABLE posts (
    id          UUID          PRIMARY KEY,
    owner_id    UUID          NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    caption     VARCHAR(2200) NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX posts_newest_first ON posts (created_at DESC, id DESC);
CREATE INDEX posts_by_owner ON posts (owner_id, created_at DESC, id DESC);

-- An image deleted by itself leaves the posts that showed it.
CREATE TABLE post_images (
    post_id   UUID    NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
    image_id  UUID    NOT NULL REFERENCES images (id) ON DELETE CASCADE,
    position  INTEGER NOT NULL,
    PRIMARY KEY (post_id, image_id)
);
CREATE INDEX post_images_by_image ON post_images (image_id);
