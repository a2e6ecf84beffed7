-- When the scheduler last sent a ready job's message to the broker again because the broker seemed to have lost
-- it (io.pixbox.server.queue.LostMessages): a job is sent again at most once per pixbox.queue.republish-after.
-- Only the rabbitmq and sqs queue types write it.
ALTER TABLE jobs ADD COLUMN republished_at TIMESTAMP WITH TIME ZONE;
-- Whether a job has a message waiting in the outbox, which the scheduler asks of every job it may send again.
CREATE INDEX outbox_by_job ON outbox (job_id);
