package io.proxyline.query.readmodel;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.axonframework.eventhandling.EventMessage;

/**
 * What a store reads back from its own read model before it writes (an entry's position, a
 * session's status), by key, as it is once the writes of the batch so far are applied.
 *
 * <p>In a batch ({@link ReadModelBatch}) the first read loads, in one query, the values of every key
 * the batch's events will read ({@code keysOf}), as MongoDB has them before the batch; from then on
 * the batch's own changes are recorded here ({@link #put}, {@link #update}) as the store makes them,
 * so a later event of the batch reads them although MongoDB does not have them yet. For that to hold,
 * every write that changes a tracked value must go through {@code put} or {@code update} in the same
 * handler. Outside a batch every read goes to MongoDB and {@code put} does nothing.
 *
 * @param <V> the value kept per key; absent means there is no such document
 */
public final class BatchState<V> {
    private final Function<Object, Collection<String>> keysOf;
    private final Function<Collection<String>, Map<String, V>> load;

    /**
     * @param keysOf the keys a handler will read for an event payload (none for events it does not read for)
     * @param load the stored values of the given keys, in one query (an {@code _id $in}); missing keys have no document
     */
    public BatchState(Function<Object, Collection<String>> keysOf, Function<Collection<String>, Map<String, V>> load) {
        this.keysOf = keysOf;
        this.load = load;
    }

    public Optional<V> get(String key) {
        ReadModelBatch batch = ReadModelBatch.current();
        if (batch == null) {
            return Optional.ofNullable(load.apply(List.of(key)).get(key));
        }
        Known<V> known = batch.state(this, Known::new);
        Optional<V> value = known.values.get(key);
        if (value == null) {
            Set<String> keys = new LinkedHashSet<>();
            keys.add(key);
            if (!known.prefetched) {
                known.prefetched = true;
                for (EventMessage<?> message : batch.messages()) {
                    keys.addAll(keysOf.apply(message.getPayload()));
                }
                keys.removeAll(known.values.keySet());
            }
            Map<String, V> stored = load.apply(keys);
            for (String k : keys) {
                known.values.put(k, Optional.ofNullable(stored.get(k)));
            }
            value = known.values.get(key);
        }
        return value;
    }

    /** Records the value the batch's writes give {@code key}; null: no document. */
    public void put(String key, V value) {
        ReadModelBatch batch = ReadModelBatch.current();
        if (batch != null) {
            batch.state(this, Known<V>::new).values.put(key, Optional.ofNullable(value));
        }
    }

    /**
     * Records a change the batch makes to an existing document ({@code change} sees the current
     * value and is not called for a missing one, which a plain update leaves missing).
     */
    public void update(String key, UnaryOperator<V> change) {
        if (ReadModelBatch.current() != null) {
            get(key).ifPresent(current -> put(key, change.apply(current)));
        }
    }

    private static final class Known<V> {
        final Map<String, Optional<V>> values = new HashMap<>();
        boolean prefetched;
    }
}
