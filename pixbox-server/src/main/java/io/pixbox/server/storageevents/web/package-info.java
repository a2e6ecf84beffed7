/** The REST face of storage events: what became of the objects they reported. */
package io.pixbox.server.storageevents.web;
