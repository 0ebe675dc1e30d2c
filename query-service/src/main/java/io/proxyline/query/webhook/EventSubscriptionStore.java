package io.proxyline.query.webhook;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import io.proxyline.api.subscription.EventSubscriptionCreatedEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.Binary;
import org.springframework.stereotype.Component;

/**
 * The subscriptions and their deliveries. {@code event_subscriptions} is a read model (rebuilt by
 * a replay of the {@code event-subscriptions} projection). {@code event_subscription_deliveries} is
 * delivery state, like a processor's token: where each subscription's deliveries stand and how
 * they went; a replay leaves it alone, so replaying the projection never re-delivers. Every access
 * is by {@code _id}, except the reads of all subscriptions (one account's, or all for the
 * dispatcher), which are bounded by the number of subscriptions.
 */
@Component
class EventSubscriptionStore {
    static final String SUBSCRIPTIONS = "event_subscriptions";
    static final String DELIVERIES = "event_subscription_deliveries";
    static final String LEASE_OWNER = "leaseOwner";
    static final String LEASE_EXPIRES = "leaseExpiresAt";
    private static final int MAX_ERROR_LENGTH = 500;

    private final MongoCollection<Document> subscriptions;
    private final MongoCollection<Document> deliveries;

    EventSubscriptionStore(MongoDatabase database) {
        this.subscriptions = database.getCollection(SUBSCRIPTIONS);
        this.deliveries = database.getCollection(DELIVERIES);
    }

    /** A subscription as its creation event describes it. */
    record Subscription(String id, String accountId, String url, List<String> eventTypes, String voiceConnectorId,
                        Instant createdAt) {}

    /** Where a subscription's deliveries stand: the position after the last event dealt with, and how it went. */
    record Delivery(String id, SerializedPosition position, String positionText, long delivered, String lastEventId,
                    Instant lastSuccessAt, Instant lastAttemptAt, Instant lastFailureAt, long consecutiveFailures,
                    long totalFailures, String lastError, Instant nextAttemptAt) {}

    /** A tracking token as the Axon serializer wrote it. */
    record SerializedPosition(String type, String revision, byte[] data) {}

    /**
     * Records the subscription and, the first time only, where its deliveries start: just after its
     * own creation event. A replay writes the subscription again and keeps the delivery state.
     */
    void created(EventSubscriptionCreatedEvent e, SerializedPosition start, String startText) {
        Document row = new Document("_id", e.eventSubscriptionId())
                .append("accountId", e.accountId())
                .append("url", e.url())
                .append("eventTypes", e.eventTypes())
                .append("voiceConnectorId", e.voiceConnectorId())
                .append("createdAt", Date.from(e.createdAt()));
        // Delivery state first: the dispatcher starts a subscription it sees, and it must find its start.
        deliveries.updateOne(eq("_id", e.eventSubscriptionId()), Updates.combine(
                        Updates.setOnInsert("accountId", e.accountId()),
                        Updates.setOnInsert("position", position(start)),
                        Updates.setOnInsert("positionText", startText),
                        Updates.setOnInsert("delivered", 0L),
                        Updates.setOnInsert("consecutiveFailures", 0L),
                        Updates.setOnInsert("totalFailures", 0L)),
                new UpdateOptions().upsert(true));
        subscriptions.replaceOne(eq("_id", e.eventSubscriptionId()), row, new ReplaceOptions().upsert(true));
    }

    void deleted(String eventSubscriptionId) {
        subscriptions.deleteOne(eq("_id", eventSubscriptionId));
        deliveries.deleteOne(eq("_id", eventSubscriptionId));
    }

    /** The read model only; the delivery state stays (see the class comment). */
    void reset() {
        subscriptions.deleteMany(new Document());
    }

    Optional<Subscription> find(String eventSubscriptionId) {
        return Optional.ofNullable(subscriptions.find(eq("_id", eventSubscriptionId)).first())
                .map(EventSubscriptionStore::subscription);
    }

    /** The account's subscriptions, oldest first. */
    List<Subscription> ofAccount(String accountId) {
        return sorted(subscriptions.find(eq("accountId", accountId)));
    }

    /** Every subscription, for the dispatcher. */
    List<Subscription> all() {
        return sorted(subscriptions.find());
    }

    private static List<Subscription> sorted(Iterable<Document> docs) {
        List<Subscription> out = new ArrayList<>();
        docs.forEach(d -> out.add(subscription(d)));
        out.sort(Comparator.comparing(Subscription::createdAt).thenComparing(Subscription::id));
        return out;
    }

    Optional<Delivery> delivery(String eventSubscriptionId) {
        return Optional.ofNullable(deliveries.find(eq("_id", eventSubscriptionId)).first())
                .map(EventSubscriptionStore::delivery);
    }

    /**
     * Takes the subscription's delivery lease for {@code owner} until {@code until}, if nobody
     * holds it, its holder let it expire before {@code now}, or {@code owner} holds it already.
     * One atomic {@code findOneAndUpdate} on {@code _id} with a condition on the lease, so of two
     * instances trying at once exactly one gets it.
     *
     * @return whether {@code owner} holds the lease now
     */
    boolean acquire(String id, String owner, Instant now, Instant until) {
        Document filter = new Document("_id", id).append("$or", List.of(
                new Document(LEASE_OWNER, null),
                new Document(LEASE_OWNER, owner),
                new Document(LEASE_EXPIRES, new Document("$lt", Date.from(now)))));
        Document taken = deliveries.findOneAndUpdate(filter, Updates.combine(
                Updates.set(LEASE_OWNER, owner), Updates.set(LEASE_EXPIRES, Date.from(until))));
        return taken != null;
    }

    /** Extends {@code owner}'s lease; false if it does not hold it any more (taken over, or the subscription deleted). */
    boolean renew(String id, String owner, Instant until) {
        return held(id, owner, Updates.set(LEASE_EXPIRES, Date.from(until)));
    }

    /** Gives the lease up, so another instance takes over at once (orderly shutdown). */
    void release(String id, String owner) {
        held(id, owner, Updates.combine(Updates.unset(LEASE_OWNER), Updates.unset(LEASE_EXPIRES)));
    }

    /** Who holds the subscription's delivery lease, if anybody. */
    Optional<String> leaseOwner(String id) {
        return Optional.ofNullable(deliveries.find(eq("_id", id)).first()).map(d -> d.getString(LEASE_OWNER));
    }

    /**
     * The event at {@code position} reached the receiver.
     *
     * @return false if {@code owner} lost the lease: the position was not moved
     */
    boolean delivered(String id, String owner, SerializedPosition position, String positionText, String eventId,
                      Instant at) {
        return held(id, owner, Updates.combine(
                Updates.set("position", position(position)),
                Updates.set("positionText", positionText),
                Updates.inc("delivered", 1L),
                Updates.set("lastEventId", eventId),
                Updates.set("lastSuccessAt", Date.from(at)),
                Updates.set("lastAttemptAt", Date.from(at)),
                Updates.set("consecutiveFailures", 0L),
                Updates.unset("nextAttemptAt")));
    }

    /** Events up to {@code position} were not for this subscription: no need to read them again. */
    boolean passed(String id, String owner, SerializedPosition position, String positionText) {
        return held(id, owner, Updates.combine(Updates.set("position", position(position)),
                Updates.set("positionText", positionText)));
    }

    boolean failed(String id, String owner, String error, Instant at, Instant nextAttemptAt) {
        String shown = error.length() > MAX_ERROR_LENGTH ? error.substring(0, MAX_ERROR_LENGTH) : error;
        return held(id, owner, Updates.combine(
                Updates.set("lastAttemptAt", Date.from(at)),
                Updates.set("lastFailureAt", Date.from(at)),
                Updates.inc("consecutiveFailures", 1L),
                Updates.inc("totalFailures", 1L),
                Updates.set("lastError", shown),
                Updates.set("nextAttemptAt", Date.from(nextAttemptAt))));
    }

    /**
     * Applies the update only while {@code owner} holds the lease. Never creates a document: a
     * deleted subscription's worker must not bring its state back.
     */
    private boolean held(String id, String owner, Bson update) {
        return deliveries.updateOne(new Document("_id", id).append(LEASE_OWNER, owner), update).getMatchedCount() > 0;
    }

    private static Document position(SerializedPosition p) {
        if (p == null) {
            return null;
        }
        return new Document("type", p.type()).append("revision", p.revision()).append("data", new Binary(p.data()));
    }

    private static Subscription subscription(Document d) {
        @SuppressWarnings("unchecked")
        List<String> types = (List<String>) d.get("eventTypes", List.class);
        return new Subscription(d.getString("_id"), d.getString("accountId"), d.getString("url"),
                types == null ? List.of() : List.copyOf(types), d.getString("voiceConnectorId"),
                instant(d.getDate("createdAt")));
    }

    private static Delivery delivery(Document d) {
        Document p = d.get("position", Document.class);
        SerializedPosition position = p == null ? null : new SerializedPosition(p.getString("type"),
                p.getString("revision"), p.get("data", Binary.class).getData());
        return new Delivery(d.getString("_id"), position, d.getString("positionText"), number(d, "delivered"),
                d.getString("lastEventId"), instant(d.getDate("lastSuccessAt")), instant(d.getDate("lastAttemptAt")),
                instant(d.getDate("lastFailureAt")), number(d, "consecutiveFailures"), number(d, "totalFailures"),
                d.getString("lastError"), instant(d.getDate("nextAttemptAt")));
    }

    private static long number(Document d, String field) {
        Object v = d.get(field);
        return v instanceof Number n ? n.longValue() : 0L;
    }

    private static Instant instant(Date date) {
        return date == null ? null : date.toInstant();
    }
}
