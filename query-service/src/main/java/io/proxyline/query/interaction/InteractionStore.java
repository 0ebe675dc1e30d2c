package io.proxyline.query.interaction;

import io.proxyline.api.interaction.InteractionRecordedEvent;
import io.proxyline.query.web.Pages.Positioned;
import java.util.List;

/**
 * The interactions read model, append-only per session: a port with two adapters,
 * {@link MongoInteractionStore} (the MongoDB profile) and {@link JdbcInteractionStore}
 * (standalone, in-process H2). Both pass {@code InteractionProjectionContract}.
 */
interface InteractionStore {
    /**
     * Appends the interaction to its session's list, once: an interaction already stored keeps its
     * position. Positions follow the order of the events, one connector's on one thread.
     */
    void recorded(InteractionRecordedEvent e);

    /** Forgets everything (a replay starts from nothing). */
    void clear();

    /** One past the session's highest position. */
    long count(String proxySessionId);

    /** The session's interactions at positions {@code [from, from + count)}, in position order. */
    List<Positioned<InteractionRow>> range(String proxySessionId, long from, int count);
}
