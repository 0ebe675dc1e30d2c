package io.proxyline.query.session;

import java.util.List;

/** The proxy-sessions contract on MongoDB (the MongoDB profile's adapter). */
class MongoProxySessionProjectionTest extends ProxySessionProjectionContract {
    private static final List<String> COLLECTIONS = List.of(MongoProxySessionStore.SESSIONS,
            MongoProxySessionStore.INDEX, MongoProxySessionStore.COUNTS);

    @Override
    ProxySessionStore newStore() {
        return new MongoProxySessionStore(mongo.database());
    }

    @Override
    Object snapshot() {
        return mongo.snapshot();
    }

    @Override
    boolean storeIsEmpty() {
        return COLLECTIONS.stream().noneMatch(mongo.snapshot()::containsKey);
    }
}
