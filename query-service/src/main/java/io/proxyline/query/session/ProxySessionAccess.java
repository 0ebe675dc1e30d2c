package io.proxyline.query.session;

import io.proxyline.api.wire.ProxyRejected;
import io.proxyline.query.connector.VoiceConnectorAccess;
import org.springframework.stereotype.Component;

/** For the other read features: whether a proxy session exists for the caller. */
@Component
public class ProxySessionAccess {
    private final ProxySessionStore store;
    private final VoiceConnectorAccess connectors;

    ProxySessionAccess(ProxySessionStore store, VoiceConnectorAccess connectors) {
        this.store = store;
        this.connectors = connectors;
    }

    /**
     * NotFound unless the connector is visible to {@code accountId} and the session is on it and
     * not deleted. A Closed session is visible.
     */
    public void requireVisible(String accountId, String voiceConnectorId, String proxySessionId) {
        connectors.requireVisible(accountId, voiceConnectorId);
        if (store.find(proxySessionId).filter(s -> s.visibleTo(accountId, voiceConnectorId)).isEmpty()) {
            throw notFound(proxySessionId);
        }
    }

    static ProxyRejected notFound(String proxySessionId) {
        return ProxyRejected.notFound("Proxy session " + proxySessionId + " not found");
    }
}
