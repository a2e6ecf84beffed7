/** The REST face of direct uploads: start one, put its bytes (when Pixbox takes them itself), complete it. */
package io.pixbox.server.upload.web;
