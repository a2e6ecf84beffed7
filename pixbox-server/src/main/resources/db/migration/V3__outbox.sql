-- Messages for the broker, written in the same transaction as the job change they announce, so that neither is
-- ever without the other; the relay (io.pixbox.server.queue.OutboxRelay) publishes them and deletes each row once
-- the broker has confirmed its message. Only the rabbitmq queue type writes here.
CREATE TABLE outbox (
    -- Rows are published in this order, which is the order they were written.
    id           BIGINT        GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    -- The message's body: the job it is about. No foreign key: a job may be deleted before its message goes out.
    job_id       UUID          NOT NULL,
    -- The queue the message goes to through the default exchange: the jobs queue, a delay queue or the dead letters.
    destination  VARCHAR(255)  NOT NULL,
    -- Why a job is dead, sent as the x-pixbox-reason header of its dead letter.
    reason       VARCHAR(2200),
    -- When the row was written: how long a message has been waiting when the broker cannot be reached.
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL
);
