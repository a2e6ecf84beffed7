/** The REST API of jobs ({@code /api/v1/jobs}): state, server-sent events, retry. */
package io.pixbox.server.processing.web;
