package io.proxyline.query.connector;

import java.util.List;

/** The connectors contract on MongoDB (the MongoDB profile's adapter). */
class MongoVoiceConnectorProjectionTest extends VoiceConnectorProjectionContract {
    @Override
    VoiceConnectorStore newStore() {
        return new MongoVoiceConnectorStore(mongo.database());
    }

    @Override
    Object snapshot() {
        return mongo.snapshot();
    }

    @Override
    boolean storeIsEmpty() {
        return List.of(MongoVoiceConnectorStore.CONNECTORS, MongoVoiceConnectorStore.ACCOUNT_CONNECTORS).stream()
                .noneMatch(mongo.snapshot()::containsKey);
    }
}
