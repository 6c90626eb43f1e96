package io.opsbot.app.embedded;

import com.mongodb.client.MongoClient;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.mongodb.autoconfigure.MongoConnectionDetails;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;

/** With a MongoDB URI configured: make sure it is not another bot's embedded database. */
@Configuration(proxyBeanMethods = false)
@Conditional(ExternalMongoConfiguration.MongoUriCondition.class)
public class ExternalMongoConfiguration {

    @Bean
    EmbeddedDatabaseGuard embeddedDatabaseGuard(MongoClient client, MongoConnectionDetails connection) {
        return new EmbeddedDatabaseGuard(client, connection);
    }

    static class MongoUriCondition extends SpringBootCondition {
        @Override
        public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
            ConditionOutcome embedded = new NoMongoUriCondition().getMatchOutcome(context, metadata);
            return new ConditionOutcome(!embedded.isMatch(), embedded.getConditionMessage());
        }
    }
}
