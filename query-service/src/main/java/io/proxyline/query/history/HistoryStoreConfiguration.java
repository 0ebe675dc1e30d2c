package io.proxyline.query.history;

import com.mongodb.client.MongoDatabase;
import io.proxyline.store.ReadModelDatabase;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The history index: SQL rows where there is a {@link ReadModelDatabase} (standalone), else MongoDB. */
@Configuration(proxyBeanMethods = false)
class HistoryStoreConfiguration {
    @Bean
    HistoryStore historyStore(ObjectProvider<ReadModelDatabase> sql, ObjectProvider<MongoDatabase> mongo) {
        return ReadModelDatabase.storeFor(sql, mongo, JdbcHistoryStore::new, MongoHistoryStore::new, MongoHistoryStore.LEFT_OVERS);
    }
}
