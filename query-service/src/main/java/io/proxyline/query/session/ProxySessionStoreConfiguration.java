package io.proxyline.query.session;

import com.mongodb.client.MongoDatabase;
import io.proxyline.store.ReadModelDatabase;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The proxy-sessions store: SQL rows where there is a {@link ReadModelDatabase} (standalone), else MongoDB. */
@Configuration(proxyBeanMethods = false)
class ProxySessionStoreConfiguration {
    @Bean
    ProxySessionStore proxySessionStore(ObjectProvider<ReadModelDatabase> sql, ObjectProvider<MongoDatabase> mongo) {
        ReadModelDatabase database = sql.getIfAvailable();
        if (database == null) return new MongoProxySessionStore(mongo.getObject());
        // Before 2026-12-07 standalone kept it on the embedded MongoDB-wire server: what is left there goes.
        MongoProxySessionStore.dropLeftOvers(mongo.getObject());
        return new JdbcProxySessionStore(database.dataSource());
    }
}
