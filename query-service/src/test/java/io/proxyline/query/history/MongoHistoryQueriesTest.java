package io.proxyline.query.history;

import static com.mongodb.client.model.Filters.eq;
import static io.proxyline.query.history.HistoryStory.ACCOUNT;
import static io.proxyline.query.history.HistoryStory.connector;
import static io.proxyline.query.history.HistoryStory.owner;
import static io.proxyline.query.history.HistoryStory.plus;
import static io.proxyline.query.history.HistoryStory.session;
import static org.assertj.core.api.Assertions.assertThat;

import io.proxyline.api.session.Capability;
import io.proxyline.api.session.ProxySessionUpdatedEvent;
import java.util.Set;
import org.axonframework.eventhandling.DomainEventMessage;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/** The history contract on MongoDB (the MongoDB profile's adapter), and what only it can lose. */
class MongoHistoryQueriesTest extends HistoryQueriesContract {
    @Override
    HistoryStore newStore() {
        return new MongoHistoryStore(mongo.database());
    }

    @Override
    Object snapshot() {
        return mongo.snapshot();
    }

    @Override
    boolean storeIsEmpty() {
        var all = mongo.snapshot();
        return !all.containsKey(MongoHistoryStore.SUBJECTS) && !all.containsKey(MongoHistoryStore.ENTRIES);
    }

    @Test
    void redeliveryCompletesAnAppendThatStoppedHalfway() {
        f.record(connector("vc1", ACCOUNT), owner("req-1"), HistoryStory.T0);
        f.record(session("vc1", ACCOUNT, "s1", 0, 60, plus(1)), owner("req-2"), plus(1));
        DomainEventMessage<?> update = f.record(
                new ProxySessionUpdatedEvent("vc1", "s1", Set.of(Capability.SMS), 30, plus(2)), owner("req-3"), plus(2));
        var complete = mongo.snapshot();
        // As if the processor stopped after writing the entry, before the subject's count.
        String key = HistoryStore.sessionKey("vc1", "s1");
        mongo.database().getCollection(MongoHistoryStore.SUBJECTS).replaceOne(eq("_id", key), new Document("_id", key)
                .append("voiceConnectorId", "vc1").append("proxySessionId", "s1").append("accountId", ACCOUNT)
                .append("count", 1L).append("lastSequence", 1L));
        assertThat(types(sessionHistory(ACCOUNT, "vc1", "s1"))).containsExactly("ProxySessionCreated");

        f.deliver(update);

        assertThat(mongo.snapshot()).isEqualTo(complete);
        assertThat(types(sessionHistory(ACCOUNT, "vc1", "s1"))).containsExactly("ProxySessionCreated", "ProxySessionUpdated");
    }
}
