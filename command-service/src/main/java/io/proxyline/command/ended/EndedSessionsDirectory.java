package io.proxyline.command.ended;

import io.proxyline.api.session.ProxySessionClosedEvent;
import io.proxyline.api.session.ProxySessionDeletedEvent;
import io.proxyline.command.connector.EndedSessions;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;

/**
 * The connector's memory of its ended sessions, kept outside the aggregate. Its processing group
 * is subscribing with a propagating error handler (CommandSideConfiguration): an entry is written
 * in the unit of work that appends the closing, and a failed write fails the command.
 */
@ProcessingGroup(EndedSessionsDirectory.GROUP)
public class EndedSessionsDirectory implements EndedSessions {
    public static final String GROUP = "ended-sessions";
    private final EndedSessionStore store;

    EndedSessionsDirectory(EndedSessionStore store) {
        this.store = store;
    }

    @EventHandler
    void on(ProxySessionClosedEvent e) {
        store.add(e.voiceConnectorId(), e.proxySessionId());
    }

    @EventHandler
    void on(ProxySessionDeletedEvent e) {
        store.remove(e.voiceConnectorId(), e.proxySessionId());
    }

    @Override
    public boolean contains(String voiceConnectorId, String proxySessionId) {
        return store.contains(voiceConnectorId, proxySessionId);
    }

    EndedSessionStore store() {
        return store;
    }
}
