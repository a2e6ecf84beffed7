/** Processing jobs: the {@link io.pixbox.server.queue.JobQueue} port, its states and retry policy, and the database queue. */
package io.pixbox.server.queue;
