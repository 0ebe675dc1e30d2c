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
        return ReadModelDatabase.storeFor(sql, mongo, JdbcInteractionStore::new, MongoInteractionStore::new, MongoInteractionStore.LEFT_OVERS);
    }
}
