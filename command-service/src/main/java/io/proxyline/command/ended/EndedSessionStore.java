package io.proxyline.command.ended;

/** Where the ended-session directory keeps its entries: one per (connector, session). */
interface EndedSessionStore {
    void add(String voiceConnectorId, String proxySessionId);

    void remove(String voiceConnectorId, String proxySessionId);

    boolean contains(String voiceConnectorId, String proxySessionId);

    /** The entry that marks a directory filled from the whole event store once (a key no session has). */
    String BUILT = "#built";

    /** Whether the directory was filled from the whole event store once (EndedSessionsConfiguration.backfill). */
    default boolean built() {
        return contains(BUILT, BUILT);
    }

    default void markBuilt() {
        add(BUILT, BUILT);
    }
}
