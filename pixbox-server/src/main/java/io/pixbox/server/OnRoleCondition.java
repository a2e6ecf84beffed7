package io.pixbox.server;

import java.util.Map;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/** Matches when {@code pixbox.roles} includes the role a {@link ConditionalOnRole} names. */
class OnRoleCondition extends SpringBootCondition {

    @Override
    public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
        Map<String, Object> attributes = metadata.getAnnotationAttributes(ConditionalOnRole.class.getName());
        Role role = (Role) attributes.get("value");
        String roles = "pixbox.roles is " + Role.format(Role.of(context.getEnvironment()));
        return Role.of(context.getEnvironment()).contains(role)
                ? ConditionOutcome.match(roles) : ConditionOutcome.noMatch(roles + ", without " + role.text());
    }
}
