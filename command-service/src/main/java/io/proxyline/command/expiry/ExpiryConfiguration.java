package io.proxyline.command.expiry;

import com.mongodb.client.MongoDatabase;
import io.proxyline.store.ReadModelDatabase;
import java.util.List;
import org.axonframework.config.ConfigurerModule;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The expiry schedule's store: SQL rows in the {@link ReadModelDatabase} where there is one
 * (standalone; the processor then stores its token there, in the same transaction as its rows),
 * else MongoDB.
 */
@Configuration(proxyBeanMethods = false)
class ExpiryConfiguration {
    @Bean
    ExpiryStore expiryStore(ObjectProvider<ReadModelDatabase> sql, ObjectProvider<MongoDatabase> mongo) {
        return ReadModelDatabase.storeFor(sql, mongo, JdbcExpiryStore::new, MongoExpiryStore::new,
                List.of("expiry_buckets", "expiry_sessions", "expiry_cursor"));
    }

    @Bean
    ConfigurerModule expiryScheduleOnSql(ObjectProvider<ReadModelDatabase> sql) {
        ReadModelDatabase database = sql.getIfAvailable();
        return configurer -> {
            if (database == null) return;
            configurer.eventProcessing(processing -> processing
                    .registerTransactionManager(ExpirySchedule.GROUP, config -> database.transactionManager())
                    .registerTokenStore(ExpirySchedule.GROUP, config -> database.tokenStore()));
        };
    }
}
