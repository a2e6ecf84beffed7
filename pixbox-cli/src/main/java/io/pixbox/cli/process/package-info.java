/** {@code pixbox process}: applies one recipe to many files on this machine, in parallel, with no server. */
package io.pixbox.cli.process;
