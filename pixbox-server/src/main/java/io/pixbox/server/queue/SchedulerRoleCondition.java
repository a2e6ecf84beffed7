package io.pixbox.server.queue;

import io.pixbox.server.PixboxProperties;
import io.pixbox.server.Role;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/** Matches when {@code pixbox.roles} includes the scheduler, as it does by default. */
public class SchedulerRoleCondition extends SpringBootCondition {

    @Override
    public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
        // Bound here rather than injected: conditions run before any bean exists. bindOrCreate applies the defaults.
        PixboxProperties pixbox = Binder.get(context.getEnvironment()).bindOrCreate("pixbox", PixboxProperties.class);
        String roles = "pixbox.roles is " + Role.format(pixbox.roles());
        return pixbox.roles().contains(Role.SCHEDULER) ? ConditionOutcome.match(roles) : ConditionOutcome.noMatch(roles);
    }
}
