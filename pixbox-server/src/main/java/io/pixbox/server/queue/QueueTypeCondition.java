package io.pixbox.server.queue;

import java.util.EnumSet;
import java.util.Set;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/** Matches when {@code pixbox.queue.type}, read as {@link QueueProperties} reads it, is one of some types. */
abstract class QueueTypeCondition extends SpringBootCondition {

    private final Set<QueueProperties.Type> types;

    QueueTypeCondition(QueueProperties.Type first, QueueProperties.Type... rest) {
        this.types = EnumSet.of(first, rest);
    }

    @Override
    public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
        // Bound here rather than injected: conditions run before any bean exists.
        QueueProperties.Type type = Binder.get(context.getEnvironment())
                .bind("pixbox.queue.type", QueueProperties.Type.class).orElse(QueueProperties.Type.DATABASE);
        String outcome = "pixbox.queue.type is " + type;
        return types.contains(type) ? ConditionOutcome.match(outcome) : ConditionOutcome.noMatch(outcome);
    }

    /** The rabbitmq type. */
    static final class Rabbit extends QueueTypeCondition {

        Rabbit() {
            super(QueueProperties.Type.RABBITMQ);
        }
    }

    /** The types whose messages a broker delivers: rabbitmq and sqs. */
    static final class Broker extends QueueTypeCondition {

        Broker() {
            super(QueueProperties.Type.RABBITMQ, QueueProperties.Type.SQS);
        }
    }
}
