/**
 * Storage events: objects that appear in the originals bucket by any route become images, and objects removed from
 * it remove theirs, as S3 event notifications (from SQS, AWS's format) or MinIO's (from AMQP) report them.
 */
package io.pixbox.server.storageevents;
