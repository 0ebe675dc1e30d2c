package io.proxyline.query.readmodel;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import io.proxyline.query.web.Pages.Positioned;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import org.bson.Document;

/**
 * Each owner's items in a stable order of positions 0, 1, …, in two collections whose every
 * access is by {@code _id}: the index, {@code {_id: "<owner>#<zero-padded position>", <idField>:
 * item id}}, and the counts, {@code {_id: owner, count}}, one past the highest position. Unlike an
 * {@link AppendOnlyList} document, nothing here grows with the length of an owner's list. Where
 * the positions come from (an ordinal in the event, the count) is the store's business.
 */
public final class PositionIndex {
    private static final ReplaceOptions UPSERT = new ReplaceOptions().upsert(true);

    private final MongoCollection<Document> index;
    private final MongoCollection<Document> counts;
    private final String idField;

    public PositionIndex(MongoCollection<Document> index, MongoCollection<Document> counts, String idField) {
        this.index = index;
        this.counts = counts;
        this.idField = idField;
    }

    public static String key(String owner, long position) {
        return owner + "#" + String.format("%012d", position);
    }

    /** Puts {@code id} at {@code position}; repeating it writes the same documents again. */
    public void put(String owner, long position, String id) {
        String key = key(owner, position);
        ReadModelBatch.write(index, new ReplaceOneModel<>(eq("_id", key), new Document("_id", key).append(idField, id),
                UPSERT));
        // Last, so that a reader never counts a position whose index entry is not written yet.
        ReadModelBatch.writeMax(counts, owner, "count", position + 1);
    }

    /** One past the owner's highest position. */
    public long count(String owner) {
        Document doc = counts.find(eq("_id", owner)).first();
        return doc == null ? 0 : ((Number) doc.get("count")).longValue();
    }

    /**
     * The owner's items at positions {@code [from, from + count)}, in position order: two reads by
     * {@code _id}, one of the index and one through {@code load}.
     *
     * @param load the items with these ids (those it does not find are left out)
     * @param belongs whether a loaded item is the owner's, so a stray index entry shows nothing
     */
    public <T> List<Positioned<T>> range(String owner, long from, int count,
                                         Function<Collection<String>, Map<String, T>> load, Predicate<T> belongs) {
        List<String> keys = new ArrayList<>(count);
        for (long position = from; position < from + count; position++) {
            keys.add(key(owner, position));
        }
        Map<String, String> idByKey = new HashMap<>();
        for (Document entry : index.find(in("_id", keys))) {
            idByKey.put(entry.getString("_id"), entry.getString(idField));
        }
        Map<String, T> items = idByKey.isEmpty() ? Map.of() : load.apply(idByKey.values());
        List<Positioned<T>> found = new ArrayList<>(items.size());
        for (int i = 0; i < keys.size(); i++) {
            String id = idByKey.get(keys.get(i));
            T item = id == null ? null : items.get(id);
            if (item != null && belongs.test(item)) {
                found.add(new Positioned<>(from + i, item));
            }
        }
        return found;
    }

    public void clear() {
        index.drop();
        counts.drop();
    }
}
