package io.proxyline.query.connector;

import com.mongodb.client.MongoDatabase;
import io.proxyline.store.ReadModelDatabase;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The connectors store: SQL rows where there is a {@link ReadModelDatabase} (standalone), else MongoDB. */
@Configuration(proxyBeanMethods = false)
class VoiceConnectorStoreConfiguration {
    @Bean
    VoiceConnectorStore voiceConnectorStore(ObjectProvider<ReadModelDatabase> sql, ObjectProvider<MongoDatabase> mongo) {
        return ReadModelDatabase.storeFor(sql, mongo, JdbcVoiceConnectorStore::new, MongoVoiceConnectorStore::new,
                MongoVoiceConnectorStore.LEFT_OVERS);
    }
}
