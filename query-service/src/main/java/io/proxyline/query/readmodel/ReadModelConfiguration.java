package io.proxyline.query.readmodel;

import io.proxyline.query.ProcessingGroups;
import io.proxyline.store.ReadModelDatabase;
import java.util.List;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.config.ConfigurerModule;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Batches the read-model writes of the event processors (see {@link ReadModelBatch}). */
@Configuration(proxyBeanMethods = false)
class ReadModelConfiguration {
    /** The processors whose projections write through {@link ReadModelBatch}. */
    private static final List<String> READ_MODEL_PROCESSORS = List.of(ProcessingGroups.CONNECTORS,
            ProcessingGroups.PHONE_NUMBERS, ProcessingGroups.PROXY_SESSIONS, ProcessingGroups.INTERACTIONS,
            ProcessingGroups.HISTORY);
    /**
     * The read-model processors and the event-subscriptions one, which writes to MongoDB directly:
     * for all of them the token must be stored after the writes (below).
     */
    private static final List<String> WITHOUT_TRANSACTION_MANAGER = java.util.stream.Stream.concat(
            READ_MODEL_PROCESSORS.stream(), java.util.stream.Stream.of(ProcessingGroups.EVENT_SUBSCRIPTIONS)).toList();

    /**
     * A default interceptor, added to each processor's own: it wraps the handlers, so it runs once per
     * event, and it batches nothing for handlers that do not write through {@link ReadModelBatch}.
     *
     * <p>The read-model processors (and the event-subscriptions one) run without a transaction manager. Their handlers write only to
     * MongoDB, which no transaction manager here covers; and a tracking processor that has one stores
     * its token when a batch starts, which with the token in MongoDB marks the batch handled before its
     * writes are made (a failed write would then be skipped, not retried). Without one it stores the
     * token when the batch commits, after the writes.
     */
    @Bean
    ConfigurerModule readModelBatching(ObjectProvider<ReadModelDatabase> sql) {
        ReadModelDatabase database = sql.getIfAvailable();
        return configurer -> configurer.eventProcessing(processing -> {
            processing.registerDefaultHandlerInterceptor((config, processorName) -> new ReadModelBatching());
            for (String processor : WITHOUT_TRANSACTION_MANAGER) {
                if (database != null && ON_SQL.contains(processor)) {
                    // Rows and token in one transaction of the SQL read-model database.
                    processing.registerTransactionManager(processor, config -> database.transactionManager());
                    processing.registerTokenStore(processor, config -> database.tokenStore());
                } else {
                    processing.registerTransactionManager(processor, config -> NoTransactionManager.instance());
                }
            }
        });
    }

    /** Standalone: the processors whose read models are SQL rows in {@link ReadModelDatabase}. */
    static final List<String> ON_SQL = List.of(ProcessingGroups.CONNECTORS, ProcessingGroups.PROXY_SESSIONS,
            ProcessingGroups.INTERACTIONS, ProcessingGroups.HISTORY);
}
