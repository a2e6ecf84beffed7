package io.pixbox.server;

import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Server-wide settings; each feature has its own {@code pixbox.<feature>} block.
 *
 * @param dataDir directory of the embedded database and the stored files (PIXBOX_DATA_DIR)
 * @param roles   what this process does: any of api, worker and scheduler (PIXBOX_ROLES, or --roles)
 */
@ConfigurationProperties("pixbox")
@Validated
public record PixboxProperties(
        @DefaultValue("./data") @NotNull Path dataDir,
        @DefaultValue({"api", "worker", "scheduler"}) @NotEmpty Set<Role> roles) {
}
