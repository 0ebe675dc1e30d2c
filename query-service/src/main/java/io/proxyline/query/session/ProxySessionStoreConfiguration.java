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
        return ReadModelDatabase.storeFor(sql, mongo, JdbcProxySessionStore::new, MongoProxySessionStore::new, MongoProxySessionStore.LEFT_OVERS);
    }
}
