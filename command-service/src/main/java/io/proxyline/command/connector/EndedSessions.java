package io.proxyline.command.connector;

/**
 * The sessions whose closing is recorded and that are not deleted: what a connector no longer
 * keeps in memory but still answers for (an update is refused as closed rather than not found; a
 * delete removes it from reads). Kept outside the aggregate so its state stays O(active).
 */
public interface EndedSessions {
    boolean contains(String voiceConnectorId, String proxySessionId);
}
