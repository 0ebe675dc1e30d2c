package io.proxyline.query.connector;

import io.proxyline.api.wire.ProxyRejected;
import org.springframework.stereotype.Component;

/** For the other read features: whether a connector exists for the caller. */
@Component
public class VoiceConnectorAccess {
    private final VoiceConnectorStore store;

    VoiceConnectorAccess(VoiceConnectorStore store) {
        this.store = store;
    }

    /** Whether the connector exists, is not deleted and belongs to {@code accountId}. */
    public boolean isVisible(String accountId, String voiceConnectorId) {
        return store.find(voiceConnectorId).filter(c -> c.visibleTo(accountId)).isPresent();
    }

    /** NotFound unless the connector {@link #isVisible is visible} to {@code accountId}. */
    public void requireVisible(String accountId, String voiceConnectorId) {
        if (!isVisible(accountId, voiceConnectorId)) {
            throw notFound(voiceConnectorId);
        }
    }

    static ProxyRejected notFound(String voiceConnectorId) {
        return ProxyRejected.notFound("Voice connector " + voiceConnectorId + " not found");
    }
}
