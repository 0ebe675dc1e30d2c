package io.proxyline.command.connector;

import java.util.HashSet;
import java.util.Set;

/** The ended-session directory as the aggregate tests seed it (the fixture runs no event handlers). */
final class EndedSessionsFake implements EndedSessions {
    private final Set<String> entries = new HashSet<>();

    EndedSessionsFake add(String voiceConnectorId, String proxySessionId) {
        entries.add(voiceConnectorId + "/" + proxySessionId);
        return this;
    }

    @Override
    public boolean contains(String voiceConnectorId, String proxySessionId) {
        return entries.contains(voiceConnectorId + "/" + proxySessionId);
    }
}
