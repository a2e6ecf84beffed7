/** {@code pixbox serve}: runs the Spring Boot service in this process. */
package io.pixbox.cli.serve;
