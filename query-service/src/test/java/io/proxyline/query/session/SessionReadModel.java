package io.proxyline.query.session;

import com.mongodb.client.MongoDatabase;
import io.proxyline.query.connector.VoiceConnectorAccess;

/** The proxy-sessions read model for other features' tests: its projection and the access check. */
public record SessionReadModel(Object projection, ProxySessionAccess access) {

    public static SessionReadModel on(MongoDatabase database, VoiceConnectorAccess connectors) {
        ProxySessionStore store = new MongoProxySessionStore(database);
        return new SessionReadModel(new ProxySessionProjection(store), new ProxySessionAccess(store, connectors));
    }
}
