package io.proxyline.command.ended;

/** Where the ended-session directory keeps its entries: one per (connector, session). */
interface EndedSessionStore {
    void add(String voiceConnectorId, String proxySessionId);

    void remove(String voiceConnectorId, String proxySessionId);

    boolean contains(String voiceConnectorId, String proxySessionId);

    /** Whether the directory was filled from the whole event store once (see EndedSessionsBackfill). */
    boolean built();

    void markBuilt();
}
