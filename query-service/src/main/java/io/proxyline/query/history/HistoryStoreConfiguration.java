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
        ReadModelDatabase database = sql.getIfAvailable();
        if (database == null) return new MongoHistoryStore(mongo.getObject());
        // Before 2026-12-07 standalone kept it on the embedded MongoDB-wire server: what is left there goes.
        MongoHistoryStore.dropLeftOvers(mongo.getObject());
        return new JdbcHistoryStore(database.dataSource());
    }
}
