package io.proxyline.query.session;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.Updates;
import io.proxyline.api.session.Capability;
import io.proxyline.api.session.ProxySessionClosedEvent;
import io.proxyline.api.session.ProxySessionCreatedEvent;
import io.proxyline.api.session.ProxySessionDeletedEvent;
import io.proxyline.api.session.ProxySessionEvent;
import io.proxyline.api.session.ProxySessionInProgressEvent;
import io.proxyline.api.session.ProxySessionUpdatedEvent;
import io.proxyline.api.session.SessionStatus;
import io.proxyline.query.readmodel.BatchState;
import io.proxyline.query.readmodel.PositionIndex;
import io.proxyline.query.readmodel.ReadModelBatch;
import io.proxyline.query.web.Pages.Positioned;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bson.Document;

/**
 * The proxy-sessions read model on MongoDB (the MongoDB profile). {@code proxy_sessions}: one document per session, deleted ones
 * flagged; {@code proxy_session_index}: {@code {_id: "<connector>#<zero-padded ordinal>",
 * proxySessionId}}, so a connector's sessions are read in creation order by {@code _id $in} over
 * a range of ordinals; {@code proxy_session_counts}: {@code {_id: connector, count}}, one past the
 * highest ordinal. Every access is by {@code _id}.
 */
final class MongoProxySessionStore implements ProxySessionStore {
    static final String SESSIONS = "proxy_sessions";
    static final String INDEX = "proxy_session_index";
    static final String COUNTS = "proxy_session_counts";

    private static final ReplaceOptions UPSERT = new ReplaceOptions().upsert(true);

    private final MongoCollection<Document> sessions;
    private final PositionIndex ordinals;
    /** What the move to InProgress reads: whether a session exists, its status and whether it is deleted. */
    private final BatchState<Lifecycle> lifecycles;

    MongoProxySessionStore(MongoDatabase database) {
        this.sessions = database.getCollection(SESSIONS);
        this.ordinals = new PositionIndex(database.getCollection(INDEX), database.getCollection(COUNTS),
                "proxySessionId");
        this.lifecycles = new BatchState<>(MongoProxySessionStore::lifecycleKeys, this::loadLifecycles);
    }

    /** A session's status and deleted flag: all the handlers read back. */
    private record Lifecycle(String status, boolean deleted) {
        Lifecycle withStatus(SessionStatus next) {
            return new Lifecycle(next.wire(), deleted);
        }
    }

    @Override
    public void created(ProxySessionCreatedEvent e) {
        Document doc = new Document("_id", e.proxySessionId())
                .append("voiceConnectorId", e.voiceConnectorId())
                .append("accountId", e.accountId())
                .append("ordinal", e.ordinal())
                .append("participants", e.participants())
                .append("proxyPhoneNumber", e.proxyPhoneNumber())
                .append("capabilities", wire(e.capabilities()))
                .append("expiryMinutes", e.expiryMinutes())
                .append("name", e.name())
                .append("numberSelectionBehavior", e.selection() == null ? null : e.selection().wire())
                .append("geoMatchLevel", e.geoMatchLevel() == null ? null : e.geoMatchLevel().wire())
                .append("geoMatchParams", e.geoMatchParams() == null
                        ? null
                        : new Document("country", e.geoMatchParams().country()).append("areaCode", e.geoMatchParams().areaCode()))
                .append("status", SessionStatus.OPEN.wire())
                .append("createdAt", Date.from(e.createdAt()))
                .append("updatedAt", Date.from(e.createdAt()))
                .append("deleted", false);
        ReadModelBatch.write(sessions, new ReplaceOneModel<>(eq("_id", e.proxySessionId()), doc, UPSERT));
        lifecycles.put(e.proxySessionId(), new Lifecycle(SessionStatus.OPEN.wire(), false));
        ordinals.put(e.voiceConnectorId(), e.ordinal(), e.proxySessionId());
    }

    @Override
    public void updated(ProxySessionUpdatedEvent e) {
        ReadModelBatch.write(sessions, new UpdateOneModel<>(eq("_id", e.proxySessionId()), Updates.combine(
                Updates.set("capabilities", wire(e.capabilities())),
                Updates.set("expiryMinutes", e.expiryMinutes()),
                Updates.set("updatedAt", Date.from(e.updatedAt())))));
    }

    /**
     * Moves an Open session to InProgress. Anything else stays as it is: an unknown or deleted
     * session, a Closed one (the move must never reopen it), and one already InProgress, so a
     * redelivered event does not set UpdatedTimestamp back. The read before the write is safe
     * because Axon hands one connector's events to one thread, in order.
     */
    @Override
    public void inProgress(ProxySessionInProgressEvent e) {
        Optional<Lifecycle> session = lifecycles.get(e.proxySessionId());
        if (session.isEmpty() || session.get().deleted()
                || !SessionStatus.OPEN.wire().equals(session.get().status())) {
            return;
        }
        ReadModelBatch.write(sessions, new UpdateOneModel<>(eq("_id", e.proxySessionId()), Updates.combine(
                Updates.set("status", SessionStatus.IN_PROGRESS.wire()),
                Updates.set("updatedAt", Date.from(e.at())))));
        lifecycles.put(e.proxySessionId(), session.get().withStatus(SessionStatus.IN_PROGRESS));
    }

    @Override
    public void closed(ProxySessionClosedEvent e) {
        ReadModelBatch.write(sessions, new UpdateOneModel<>(eq("_id", e.proxySessionId()), Updates.combine(
                Updates.set("status", SessionStatus.CLOSED.wire()),
                Updates.set("endedAt", Date.from(e.endedAt())))));
        lifecycles.update(e.proxySessionId(), session -> session.withStatus(SessionStatus.CLOSED));
    }

    @Override
    public void deleted(ProxySessionDeletedEvent e) {
        ReadModelBatch.write(sessions, new UpdateOneModel<>(eq("_id", e.proxySessionId()), Updates.combine(
                Updates.set("deleted", true), Updates.set("deletedAt", Date.from(e.deletedAt())))));
        lifecycles.update(e.proxySessionId(), session -> new Lifecycle(session.status(), true));
    }

    /** The sessions whose lifecycle a batch's event reads or changes; a creation sets it whole. */
    private static List<String> lifecycleKeys(Object event) {
        if (event instanceof ProxySessionInProgressEvent || event instanceof ProxySessionClosedEvent
                || event instanceof ProxySessionDeletedEvent) {
            return List.of(((ProxySessionEvent) event).proxySessionId());
        }
        return List.of();
    }

    private Map<String, Lifecycle> loadLifecycles(Collection<String> proxySessionIds) {
        Map<String, Lifecycle> found = new HashMap<>();
        for (Document doc : sessions.find(in("_id", proxySessionIds))
                .projection(Projections.include("status", "deleted"))) {
            found.put(doc.getString("_id"),
                    new Lifecycle(doc.getString("status"), Boolean.TRUE.equals(doc.getBoolean("deleted"))));
        }
        return found;
    }

    @Override
    public void clear() {
        sessions.drop();
        ordinals.clear();
    }

    @Override
    public Optional<ProxySessionRow> find(String proxySessionId) {
        return Optional.ofNullable(sessions.find(eq("_id", proxySessionId)).first()).map(ProxySessionRow::from);
    }

    /** One past the connector's highest session ordinal. */
    @Override
    public long count(String voiceConnectorId) {
        return ordinals.count(voiceConnectorId);
    }

    /** The connector's sessions with ordinals in {@code [from, from + count)}, in ordinal order. */
    @Override
    public List<Positioned<ProxySessionRow>> range(String voiceConnectorId, long from, int count) {
        return ordinals.range(voiceConnectorId, from, count, this::findAll,
                row -> row.voiceConnectorId().equals(voiceConnectorId));
    }

    private Map<String, ProxySessionRow> findAll(Collection<String> proxySessionIds) {
        Map<String, ProxySessionRow> rows = new HashMap<>();
        for (Document doc : sessions.find(in("_id", proxySessionIds))) {
            ProxySessionRow row = ProxySessionRow.from(doc);
            rows.put(row.proxySessionId(), row);
        }
        return rows;
    }

    /** Wire names in the enum's order, so equal sets are stored alike. */
    private static List<String> wire(Collection<Capability> capabilities) {
        return capabilities.stream().sorted().map(Capability::wire).toList();
    }

    /** What an earlier standalone build kept here, before this read model moved to SQL rows. */
    static final List<String> LEFT_OVERS = List.of(SESSIONS, INDEX, COUNTS);
}
