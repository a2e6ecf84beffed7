/** The worker role: claims jobs, makes variants, classifies failures, and reports the queue's figures. */
package io.pixbox.server.processing;
