package io.proxyline.command.ended;

import com.mongodb.client.MongoDatabase;
import io.proxyline.api.session.ProxySessionClosedEvent;
import io.proxyline.api.session.ProxySessionDeletedEvent;
import java.util.Iterator;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The ended-session directory: in the event store's own H2 database in the standalone profile
 * (same transaction as the events), in MongoDB otherwise.
 */
@Configuration(proxyBeanMethods = false)
class EndedSessionsConfiguration {
    private static final Logger log = LoggerFactory.getLogger(EndedSessionsConfiguration.class);

    @Bean
    EndedSessionsDirectory endedSessionsDirectory(ObjectProvider<DataSource> eventStoreDataSource, MongoDatabase db) {
        DataSource dataSource = eventStoreDataSource.getIfAvailable();
        return new EndedSessionsDirectory(dataSource != null ? new JdbcEndedSessionStore(dataSource)
                : new MongoEndedSessionStore(db));
    }

    /** Subscribing: handled in the command's own unit of work; a failure rolls the command back. */
    @Bean
    ConfigurerModule endedSessionsProcessing() {
        return configurer -> configurer.eventProcessing()
                .registerSubscribingEventProcessor(EndedSessionsDirectory.GROUP)
                .registerListenerInvocationErrorHandler(EndedSessionsDirectory.GROUP,
                        c -> PropagatingErrorHandler.instance());
    }

    /** Events read per transaction of the backfill. */
    static final int BACKFILL_CHUNK = 10_000;

    /**
     * Once per store, before any command is taken: fills the directory from every closing and
     * deletion already stored (histories written before sessions left the connector aggregate).
     */
    @Bean
    SmartInitializingSingleton endedSessionsBackfill(EndedSessionsDirectory directory, EventStorageEngine engine,
                                                     ObjectProvider<TransactionManager> transactions) {
        return () -> backfill(directory.store(), engine,
                transactions.getIfAvailable(() -> NoTransactionManager.INSTANCE), BACKFILL_CHUNK);
    }

    /**
     * One transaction per {@code chunk} events read, not one commit per entry: on the H2 event store a commit
     * per entry wrote a new file chunk each time, and filling the directory from 4.7M stored events took 215 s
     * and grew the file from 0.3 to 7.3 GB (docs/benchmarks.md, stored phase). A crash part-way leaves the
     * directory unmarked, and the next start fills it again (adding and removing entries are idempotent).
     */
    static void backfill(EndedSessionStore store, EventStorageEngine engine, TransactionManager transactions,
                         int chunk) {
        if (store.built()) return;
        long started = System.nanoTime();
        long[] seen = {0, 0};
        try (Stream<? extends TrackedEventMessage<?>> events = engine.readEvents(null, false)) {
            Iterator<? extends TrackedEventMessage<?>> it = events.iterator();
            while (it.hasNext()) {
                transactions.executeInTransaction(() -> {
                    for (int i = 0; i < chunk && it.hasNext(); i++) {
                        seen[0]++;
                        if (fill(store, it.next())) seen[1]++;
                    }
                });
            }
        }
        store.markBuilt();
        if (seen[0] > 0) {
            log.info("Ended-session directory built from {} stored events ({} closings and deletions) in {} ms",
                    seen[0], seen[1], (System.nanoTime() - started) / 1_000_000);
        }
    }

    /** Whether the event was a closing or a deletion, now in the directory. */
    private static boolean fill(EndedSessionStore store, TrackedEventMessage<?> m) {
        Class<?> type = m.getPayloadType();
        if (type == ProxySessionClosedEvent.class) {
            ProxySessionClosedEvent e = (ProxySessionClosedEvent) m.getPayload();
            store.add(e.voiceConnectorId(), e.proxySessionId());
            return true;
        }
        if (type == ProxySessionDeletedEvent.class) {
            ProxySessionDeletedEvent e = (ProxySessionDeletedEvent) m.getPayload();
            store.remove(e.voiceConnectorId(), e.proxySessionId());
            return true;
        }
        return false;
    }
}
