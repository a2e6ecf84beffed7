/**
 * Processing jobs: the {@link io.pixbox.server.queue.JobQueue} port, its states and retry policy, and its queues on
 * the database, on RabbitMQ and on Amazon SQS, which share the jobs table.
 */
package io.pixbox.server.queue;
