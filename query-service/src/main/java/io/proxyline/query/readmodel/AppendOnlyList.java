package io.proxyline.query.readmodel;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.MongoCollection;
import static com.mongodb.client.model.Filters.in;

import com.mongodb.client.model.Projections;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.bson.Document;

/**
 * An ordered list of ids per owner, one document each: {@code {_id: owner, items: [...], size: n}}.
 * Items are only ever appended, never removed, so a position keeps meaning the same item and list
 * pages stay stable; readers filter out items that are gone. Every access is by {@code _id}.
 */
public final class AppendOnlyList {
    private static final String ITEMS = "items";
    private static final String SIZE = "size";
    private static final UpdateOptions UPSERT = new UpdateOptions().upsert(true);

    private final MongoCollection<Document> collection;
    /** Each owner's items, as {@link #append} checks them. */
    private final BatchState<Set<String>> items;

    /**
     * @param ownersOf the owners whose lists an event appends to (for a batch to read them at once)
     */
    public AppendOnlyList(MongoCollection<Document> collection, Function<Object, Collection<String>> ownersOf) {
        this.collection = collection;
        this.items = new BatchState<>(ownersOf, this::load);
    }

    /**
     * Appends {@code item} unless the owner's list has it already, so a redelivered or replayed
     * event leaves the list as it was. Callers rely on Axon's per-aggregate sequencing: two appends
     * of the same item never race.
     */
    public void append(String owner, String item) {
        Optional<Set<String>> current = items.get(owner);
        if (current.isPresent() && current.get().contains(item)) {
            return;
        }
        // One update for both fields keeps size equal to the array's length.
        ReadModelBatch.write(collection, new UpdateOneModel<>(eq("_id", owner),
                Updates.combine(Updates.push(ITEMS, item), Updates.inc(SIZE, 1L)), UPSERT));
        // The set is this batch's own copy (or a fresh read outside a batch), so it may grow in place.
        Set<String> appended = current.orElseGet(HashSet::new);
        appended.add(item);
        items.put(owner, appended);
    }

    private Map<String, Set<String>> load(Collection<String> owners) {
        Map<String, Set<String>> found = new HashMap<>();
        for (Document doc : collection.find(in("_id", owners)).projection(Projections.include(ITEMS))) {
            found.put(doc.getString("_id"), new HashSet<>(doc.getList(ITEMS, String.class, List.of())));
        }
        return found;
    }

    public long size(String owner) {
        Document doc = collection.find(eq("_id", owner)).projection(Projections.include(SIZE)).first();
        return doc == null ? 0 : ((Number) doc.get(SIZE)).longValue();
    }

    /**
     * Items {@code [from, from + count)}; {@code from} must be below {@link #size}. (mongo-java-server
     * fails a {@code $slice} that starts past the end, where MongoDB would answer an empty list.)
     */
    public List<String> slice(String owner, long from, int count) {
        if (from > Integer.MAX_VALUE) {
            return List.of();
        }
        Document doc = collection.find(eq("_id", owner))
                .projection(Projections.fields(Projections.excludeId(), Projections.slice(ITEMS, (int) from, count)))
                .first();
        return doc == null ? List.of() : doc.getList(ITEMS, String.class, List.of());
    }

    public void clear() {
        collection.drop();
    }
}
