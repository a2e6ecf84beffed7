/**
 * Processing jobs: the {@link io.pixbox.server.queue.JobQueue} port, its states and retry policy, and its queues on
 * the database and on RabbitMQ, which share the jobs table.
 */
package io.pixbox.server.queue;
