package io.proxyline.command.expiry;

import java.util.List;
import java.util.Optional;

/**
 * Where {@link ExpirySchedule} keeps the sessions it watches, the connectors with an expiry in each
 * minute (the buckets) and the cursor, the earliest minute not yet swept. A port with two adapters:
 * {@link MongoExpiryStore} (the MongoDB profile) and {@link JdbcExpiryStore} (standalone, in the SQL
 * read-model database, written in the processor's batch transaction with its token). Both pass
 * {@code ExpiryStoreContract}.
 */
interface ExpiryStore {
    /** Remembers a session's creation instant (a redelivery writes the same again). */
    void sessionCreated(String proxySessionId, String voiceConnectorId, long createdAtMillis);

    /** The creation instant of a session still watched. */
    Optional<Long> createdAt(String proxySessionId);

    /** Stops watching a session (closed or deleted). */
    void sessionEnded(String proxySessionId);

    /** Puts the connector in the minute's bucket and moves the cursor back to it if it is earlier. */
    void schedule(String voiceConnectorId, long minute);

    /** The earliest minute with work, or null when nothing was ever scheduled. */
    Long cursor();

    List<String> connectorsExpiringIn(long minute);

    /** Done with a fully past minute: drop its bucket and move the cursor on, unless it moved back meanwhile. */
    void finish(long minute);

    /** Forgets everything (a replay starts from nothing). */
    void clear();
}
