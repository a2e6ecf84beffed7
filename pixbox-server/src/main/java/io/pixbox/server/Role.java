package io.pixbox.server;

import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

/** What one running Pixbox does; a process runs any of them, all by default. */
public enum Role {
    /** HTTP pages, REST and gRPC. */
    API,
    /** Consumes processing jobs. */
    WORKER,
    /** Imports, replication reconciliation and lease reaping. */
    SCHEDULER;

    /** The name used in {@code --roles} and {@code PIXBOX_ROLES}. */
    public String text() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The role of that name, ignoring case; throws naming the roles that exist. */
    public static Role parse(String text) {
        String name = text.trim();
        return Arrays.stream(values())
                .filter(role -> role.text().equalsIgnoreCase(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(
                        "role must be one of " + Arrays.stream(values()).map(Role::text).collect(Collectors.joining(", "))
                                + ", got \"" + name + "\""));
    }

    /**
     * The roles {@code pixbox.roles} gives in {@code environment}, all when it is not set: read from the environment
     * rather than injected, for the conditions and defaults that are decided before any bean exists.
     */
    public static Set<Role> of(Environment environment) {
        return Binder.get(environment).bindOrCreate("pixbox", PixboxProperties.class).roles();
    }

    /** The comma-separated form {@code --roles} and {@code PIXBOX_ROLES} take, such as {@code api,worker}. */
    public static String format(Set<Role> roles) {
        return roles.stream().map(Role::text).collect(Collectors.joining(","));
    }
}
