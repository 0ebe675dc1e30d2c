package io.proxyline.query.interaction;

import com.mongodb.client.MongoDatabase;
import io.proxyline.store.ReadModelDatabase;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The interactions store: SQL rows where there is a {@link ReadModelDatabase} (standalone), else MongoDB. */
@Configuration(proxyBeanMethods = false)
class InteractionStoreConfiguration {
    @Bean
    InteractionStore interactionStore(ObjectProvider<ReadModelDatabase> sql, ObjectProvider<MongoDatabase> mongo) {
        ReadModelDatabase database = sql.getIfAvailable();
        if (database == null) return new MongoInteractionStore(mongo.getObject());
        // Before 2026-12-07 standalone kept it on the embedded MongoDB-wire server: what is left there goes.
        MongoInteractionStore.dropLeftOvers(mongo.getObject());
        return new JdbcInteractionStore(database.dataSource());
    }
}
