package io.pixbox.server;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.context.annotation.Conditional;

/**
 * Creates the annotated bean, or the beans of the annotated configuration, only in a process that runs
 * {@link #value() the role} ({@code pixbox.roles}, all by default). Every controller, page and gRPC service
 * carries {@code @ConditionalOnRole(Role.API)}, so that a worker serves nothing but the actuator's endpoints.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Conditional(OnRoleCondition.class)
public @interface ConditionalOnRole {

    /** The role this process must run for the bean to exist. */
    Role value();
}
