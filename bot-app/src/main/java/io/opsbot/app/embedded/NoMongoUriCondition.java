package io.opsbot.app.embedded;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/** Matches when no MongoDB connection is configured, so the embedded one is started only then. */
class NoMongoUriCondition extends SpringBootCondition {

    static final String[] CONNECTION_PROPERTIES = {"spring.mongodb.uri", "spring.mongodb.host",
            "spring.data.mongodb.uri"};

    @Override
    public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
        for (String property : CONNECTION_PROPERTIES) {
            if (StringUtils.hasText(context.getEnvironment().getProperty(property))) {
                return ConditionOutcome.noMatch(property + " is set: using that MongoDB");
            }
        }
        return ConditionOutcome.match("no MongoDB URI configured: starting the embedded server");
    }
}
