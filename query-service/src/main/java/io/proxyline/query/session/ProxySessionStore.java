package io.proxyline.query.session;

import io.proxyline.api.session.ProxySessionClosedEvent;
import io.proxyline.api.session.ProxySessionCreatedEvent;
import io.proxyline.api.session.ProxySessionDeletedEvent;
import io.proxyline.api.session.ProxySessionInProgressEvent;
import io.proxyline.api.session.ProxySessionUpdatedEvent;
import io.proxyline.query.web.Pages.Positioned;
import java.util.List;
import java.util.Optional;

/**
 * The proxy-sessions read model, a port with two adapters: {@link MongoProxySessionStore} (the
 * MongoDB profile) and {@link JdbcProxySessionStore} (standalone, in-process H2). Both pass
 * {@code ProxySessionStoreContract}.
 *
 * <p>Writes come from the {@code proxy-sessions} processor, one connector's events on one thread,
 * in order; each handler sets state, so redelivery and replay are harmless.
 */
interface ProxySessionStore {
    void created(ProxySessionCreatedEvent e);

    void updated(ProxySessionUpdatedEvent e);

    /**
     * Moves an Open session to InProgress. Anything else stays as it is: an unknown or deleted
     * session, a Closed one (the move must never reopen it), and one already InProgress, so a
     * redelivered event does not set UpdatedTimestamp back.
     */
    void inProgress(ProxySessionInProgressEvent e);

    void closed(ProxySessionClosedEvent e);

    void deleted(ProxySessionDeletedEvent e);

    /** Forgets everything (a replay starts from nothing). */
    void clear();

    Optional<ProxySessionRow> find(String proxySessionId);

    /** One past the connector's highest session ordinal. */
    long count(String voiceConnectorId);

    /** The connector's sessions with ordinals in {@code [from, from + count)}, in ordinal order. */
    List<Positioned<ProxySessionRow>> range(String voiceConnectorId, long from, int count);
}
