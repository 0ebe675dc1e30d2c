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
        return database != null ? new JdbcProxySessionStore(database.dataSource())
                : new MongoProxySessionStore(mongo.getObject());
    }
}
