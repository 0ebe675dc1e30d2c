package io.proxyline.query.stream;

import io.proxyline.api.wire.ProxyRejected;
import io.proxyline.query.stream.MongoEventWindowStore.Stamped;
import io.proxyline.store.StoreProperties;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.axonframework.extensions.mongo.MongoTemplate;
import org.axonframework.extensions.mongo.eventsourcing.eventstore.MongoTrackingToken;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Stream positions as text, for both event stores. The JDBC store's token is written whole
 * ({@code g:…}, {@link StreamPosition}). The Mongo store's {@link MongoTrackingToken} is a
 * timestamp plus the ids of every event it has seen within its look-back window — thousands of
 * ids at a few hundred events per second, too long for a header — so its text is a summary:
 * {@code m:<timestamp>:<window>:<counts>}, the token's timestamp (epoch milliseconds), the
 * window the counts cover (milliseconds) and, per {@value #BUCKET_MILLIS} ms of that window
 * counted back from the timestamp, how many events the token had seen there (empty for none,
 * trailing empties left out).
 *
 * <p>Resuming rebuilds the token from the event store: the stored events of each slice of the
 * window whose number equals the count are exactly the ones seen (the store only grows), so
 * they are marked seen; a slice with more events than the count received a late commit after
 * the position was written, and all its events are delivered again rather than guessing which
 * one is new (at least once; receivers deduplicate on the CloudEvent {@code id}). Events older
 * than the window count as seen, as the token itself would never read them.
 */
@Component
public class StreamPositions {
    static final long BUCKET_MILLIS = 100;
    /** Longest window a position may claim; the configured look-back is 10 s by default. */
    static final long MAX_WINDOW_MILLIS = Duration.ofHours(1).toMillis();
    private final MongoEventWindowStore mongoEvents;
    private final Duration lookBack;

    @Autowired
    StreamPositions(ObjectProvider<MongoTemplate> axonMongo, StoreProperties store) {
        this(new MongoEventWindowStore(() -> axonMongo.getObject().eventCollection()),
                store.eventStore().mongoLookBack());
    }

    StreamPositions(MongoEventWindowStore mongoEvents, Duration lookBack) {
        this.mongoEvents = mongoEvents;
        this.lookBack = lookBack;
    }

    /** The token as text; empty for a token of neither store. */
    public Optional<String> encode(TrackingToken token) {
        TrackingToken plain = token == null ? null : WrappedToken.unwrapLowerBound(token);
        if (plain instanceof MongoTrackingToken mongo) {
            return Optional.of(encodeMongo(mongo));
        }
        return StreamPosition.encode(plain);
    }

    private String encodeMongo(MongoTrackingToken token) {
        long timestamp = token.getTimestamp().toEpochMilli();
        long window = lookBack.toMillis();
        int[] counts = new int[(int) (window / BUCKET_MILLIS) + 1];
        int last = -1;
        for (long seenAt : token.getTrackedEvents().values()) {
            long back = timestamp - seenAt;
            if (back >= 0 && back <= window) {
                int bucket = (int) (back / BUCKET_MILLIS);
                counts[bucket]++;
                last = Math.max(last, bucket);
            }
        }
        StringBuilder text = new StringBuilder("m:").append(timestamp).append(':').append(window).append(':');
        for (int i = 0; i <= last; i++) {
            if (i > 0) {
                text.append(',');
            }
            if (counts[i] > 0) {
                text.append(counts[i]);
            }
        }
        return text.toString();
    }

    /**
     * Reads a position this service wrote, for the event store in use.
     *
     * @param member the input member it came from, for the message
     */
    StreamPosition decode(String text, String member, boolean mongoStore) {
        boolean mongoText = text.startsWith("m:");
        if (text.equals("0")) {
            return StreamPosition.TAIL;
        }
        if (mongoText != mongoStore) {
            throw ProxyRejected.badRequest("Value at '" + member + "' failed to satisfy constraint: Member must be "
                    + "a position this event stream sent (positions of the "
                    + (mongoText ? "MongoDB" : "standalone") + " event store do not apply here)");
        }
        return mongoText ? new StreamPosition(decodeMongo(text, member)) : StreamPosition.decode(text, member);
    }

    private MongoTrackingToken decodeMongo(String text, String member) {
        String[] parts = text.split(":", -1);
        if (parts.length != 4) {
            throw invalid(text, member);
        }
        long timestamp;
        long window;
        int[] counts;
        try {
            timestamp = Long.parseLong(parts[1]);
            window = Long.parseLong(parts[2]);
            String[] countTexts = parts[3].isEmpty() ? new String[0] : parts[3].split(",", -1);
            if (window < 0 || window > MAX_WINDOW_MILLIS || countTexts.length > window / BUCKET_MILLIS + 1) {
                throw invalid(text, member);
            }
            counts = Arrays.stream(countTexts).mapToInt(c -> c.isEmpty() ? 0 : Integer.parseInt(c)).toArray();
        } catch (NumberFormatException e) {
            throw invalid(text, member);
        }
        Instant at = Instant.ofEpochMilli(timestamp);
        long reach = Math.max(window, lookBack.toMillis());
        List<Stamped> stored = mongoEvents.between(at.minusMillis(reach), at);
        Map<Integer, Integer> storedPerBucket = new HashMap<>();
        for (Stamped event : stored) {
            long back = timestamp - event.timestampMillis();
            if (back <= window) {
                storedPerBucket.merge((int) (back / BUCKET_MILLIS), 1, Integer::sum);
            }
        }
        Map<String, Long> seen = new LinkedHashMap<>();
        for (Stamped event : stored) {
            long seenAt = event.timestampMillis();
            long back = timestamp - seenAt;
            int bucket = (int) (back / BUCKET_MILLIS);
            boolean beyondWindow = back > window;
            int count = bucket < counts.length ? counts[bucket] : 0;
            if (beyondWindow || storedPerBucket.getOrDefault(bucket, 0) == count) {
                seen.put(event.eventId(), seenAt);
            }
        }
        return MongoTrackingToken.of(at, seen);
    }

    /**
     * The head of the Mongo store for a stream that starts now: every event stored so far within
     * the look-back window is seen, so a stream from here gets only what is stored later (and a
     * late commit stamped before now). axon-mongo's own head token has no events in it, so a
     * stream from it would first replay the whole window.
     */
    TrackingToken mongoHead(Instant now) {
        Map<String, Long> seen = new LinkedHashMap<>();
        for (Stamped event : mongoEvents.between(now.minus(lookBack), now)) {
            seen.put(event.eventId(), event.timestampMillis());
        }
        return MongoTrackingToken.of(now, seen);
    }

    private static ProxyRejected invalid(String text, String member) {
        String shown = text.length() > 64 ? text.substring(0, 64) + "..." : text;
        return ProxyRejected.badRequest("Value '" + shown + "' at '" + member
                + "' failed to satisfy constraint: Member must be a position this event stream sent");
    }
}
