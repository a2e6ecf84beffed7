/** The {@code pixbox} command line: one sub-package per command. */
package io.pixbox.cli;
