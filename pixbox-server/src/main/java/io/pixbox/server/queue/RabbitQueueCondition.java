package io.pixbox.server.queue;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/** Matches when {@code pixbox.queue.type} is rabbitmq, read as {@link QueueProperties} reads it. */
class RabbitQueueCondition extends SpringBootCondition {

    @Override
    public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
        // Bound here rather than injected: conditions run before any bean exists.
        QueueProperties.Type type = Binder.get(context.getEnvironment())
                .bind("pixbox.queue.type", QueueProperties.Type.class).orElse(QueueProperties.Type.DATABASE);
        String outcome = "pixbox.queue.type is " + type;
        return type == QueueProperties.Type.RABBITMQ ? ConditionOutcome.match(outcome) : ConditionOutcome.noMatch(outcome);
    }
}
