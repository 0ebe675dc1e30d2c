package io.proxyline.query.history;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Where each session's and each connector's events are in the event store. A subject is one
 * session or one connector: its owner and how many of its events are indexed, and per position
 * the connector-stream sequence number of the subject's event there. Append-only, so a position
 * keeps naming the same event and pages stay stable. A port with two adapters:
 * {@link MongoHistoryStore} (the MongoDB profile) and {@link JdbcHistoryStore} (standalone,
 * in-process H2); both pass {@code HistoryStoreContract}.
 */
public interface HistoryStore {

    /** A session or a connector, with its owner and how many of its events are indexed. */
    record Subject(String key, String voiceConnectorId, String proxySessionId, String accountId, long count,
                   long lastSequence) {

        /**
         * Only the owning account reads a history, and only under the connector and session it
         * was recorded for (the fields, not the key, decide: keys are made of caller input).
         */
        boolean visibleTo(String callerAccountId, String callerVoiceConnectorId, String callerProxySessionId) {
            return accountId != null && accountId.equals(callerAccountId)
                    && voiceConnectorId.equals(callerVoiceConnectorId)
                    && Objects.equals(proxySessionId, callerProxySessionId);
        }
    }

    static String connectorKey(String voiceConnectorId) {
        return "vc/" + voiceConnectorId;
    }

    static String sessionKey(String voiceConnectorId, String proxySessionId) {
        return "ps/" + voiceConnectorId + "/" + proxySessionId;
    }

    /**
     * Appends the event at {@code sequenceNumber} of the connector's stream to the subject's
     * history, once. Axon hands one connector's events to one thread, in sequence order, so an
     * event at or below the subject's last indexed sequence number is a redelivery or a replay
     * without reset, and changes nothing. The owner is set once, when the subject is first seen.
     *
     * @param proxySessionId null for a connector's own history
     * @param ownerIfNew asked only when the subject is new; null when unknown (then nobody reads it)
     */
    void append(String subjectKey, String voiceConnectorId, String proxySessionId, Supplier<String> ownerIfNew,
                long sequenceNumber);

    /** The owner of a subject as the projection has recorded it so far, its current batch included. */
    Optional<String> recordedOwner(String subjectKey);

    Optional<Subject> find(String subjectKey);

    /** The owner of a subject, if it is known. */
    default Optional<String> accountOf(String subjectKey) {
        return find(subjectKey).map(Subject::accountId);
    }

    /** The sequence numbers at positions {@code [from, from + count)}, in position order. */
    List<Long> sequenceNumbers(String subjectKey, long from, int count);

    /** Forgets everything (a replay starts from nothing). */
    void clear();
}
