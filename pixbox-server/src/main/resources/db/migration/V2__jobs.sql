-- Processing jobs. No foreign key to images: the queue stands alone, and deleting an image deletes its
-- jobs through JobQueue.deleteForImage. States and their transitions are io.pixbox.server.queue.JobState.
CREATE TABLE jobs (
    id            UUID          PRIMARY KEY,
    -- Ties among jobs ready at the same instant are broken in the order they were enqueued.
    seq           BIGINT        GENERATED ALWAYS AS IDENTITY,
    image_id      UUID          NOT NULL,
    recipe        VARCHAR(1000) NOT NULL,
    state         VARCHAR(16)   NOT NULL,
    attempts      INTEGER       NOT NULL,
    max_attempts  INTEGER       NOT NULL,
    error_code    VARCHAR(100),
    error         VARCHAR(2000),
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    run_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    started_at    TIMESTAMP WITH TIME ZONE,
    finished_at   TIMESTAMP WITH TIME ZONE,
    worker        VARCHAR(200),
    lease_until   TIMESTAMP WITH TIME ZONE,
    CONSTRAINT jobs_known_state CHECK (state IN ('queued', 'running', 'succeeded', 'failed', 'dead')),
    CONSTRAINT jobs_attempts_in_range CHECK (attempts >= 0 AND max_attempts >= 1)
);
-- Claiming: ready jobs (state queued, run_at passed) in the order they became ready.
CREATE INDEX jobs_ready ON jobs (state, run_at, seq);
CREATE INDEX jobs_by_image ON jobs (image_id, seq);
-- Lease reaping: running jobs whose lease has expired.
CREATE INDEX jobs_by_lease ON jobs (state, lease_until);
