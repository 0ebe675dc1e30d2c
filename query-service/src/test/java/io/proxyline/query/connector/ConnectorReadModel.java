package io.proxyline.query.connector;

import com.mongodb.client.MongoDatabase;

/** The connectors read model for other features' tests: its projection and the access check. */
public record ConnectorReadModel(Object projection, VoiceConnectorAccess access) {

    public static ConnectorReadModel on(MongoDatabase database) {
        VoiceConnectorStore store = new MongoVoiceConnectorStore(database);
        return new ConnectorReadModel(new VoiceConnectorProjection(store), new VoiceConnectorAccess(store));
    }
}
