package io.proxyline.store;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.AbstractUniqueIndex;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.DocumentWithPosition;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.backend.ValueComparator;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.h2.H2Collection;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.bson.BsonDecoder;
import de.bwaldvogel.mongo.wire.bson.BsonEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Map.Entry;
import java.util.stream.Stream;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;

/**
 * mongo-java-server's H2 backend with the documents, their {@code _id}s and the index keys stored as
 * BSON, not with Java serialization.
 *
 * <p>The stock backend opens its MVStore maps with H2's default {@code ObjectDataType}. It stores
 * every document (mongo-java-server's own {@code Document}), and every unique-index key (its
 * {@code KeyValue}, which is not {@code Comparable}), by Java serialization, and it <em>compares</em>
 * two such keys by serializing both and comparing the bytes: each step of a B-tree search in an
 * index serializes two objects. That is what made the embedded read-model store take about 8,000
 * document writes a second and slow down as the maps grew (docs/design.md, "A read-model store that
 * keeps up"). Here documents are written in the BSON the wire already uses, keys are compared in
 * memory with MongoDB's own value order ({@link ValueComparator}), and nothing is Java-serialized.
 *
 * <p>The file format differs from the stock backend's: a file written by one cannot be read by the
 * other. The standalone profile keeps this backend's file under another name
 * ({@link StoreAutoConfiguration}), so an old file is dropped and the read models rebuilt from the
 * event store, as after a crash.
 */
public final class BsonH2Backend extends H2Backend {

    public BsonH2Backend(MVStore store) {
        super(store);
    }

    /**
     * {@code H2Backend}'s constructor already opens the databases found in the file, and
     * {@code H2Database}'s constructor opens their collections and indexes before a subclass's
     * fields are assigned: the store is handed to them through {@link #OPENING} meanwhile.
     */
    @Override
    protected MongoDatabase openOrCreateDatabase(String databaseName) {
        OPENING.set(getMvStore());
        try {
            return new BsonDatabase(databaseName, getMvStore(), getCursorRegistry());
        } finally {
            OPENING.remove();
        }
    }

    /** The MVStore of the database being opened on this thread. */
    private static final ThreadLocal<MVStore> OPENING = new ThreadLocal<>();

    /** A database whose collections and unique indexes open their maps with the BSON types. */
    private static final class BsonDatabase extends H2Database {
        private final MVStore store;

        BsonDatabase(String databaseName, MVStore store, CursorRegistry cursorRegistry) {
            super(databaseName, store, cursorRegistry);
            this.store = store;
        }

        private MVStore mvStore() {
            return store != null ? store : OPENING.get();
        }

        @Override
        protected de.bwaldvogel.mongo.MongoCollection<Object> openOrCreateCollection(String collectionName,
                                                                                  CollectionOptions options) {
            String fullName = getFullCollectionNamespace(collectionName);
            MVMap<Object, Document> data = mvStore().openMap("databases." + fullName,
                    new MVMap.Builder<Object, Document>().keyType(KeyType.INSTANCE).valueType(DocumentType.INSTANCE));
            MVMap<String, Object> meta = mvStore().openMap("meta." + fullName);
            return new CopyingCollection(this, collectionName, options, data, meta, cursorRegistry);
        }

        @Override
        protected Index<Object> openOrCreateUniqueIndex(String collectionName, String indexName, List<IndexKey> keys,
                                                        boolean sparse) {
            MVMap<KeyValue, Object> map = mvStore().openMap(getFullCollectionNamespace(collectionName) + "._index_" + indexName,
                    new MVMap.Builder<KeyValue, Object>().keyType(KeyValueType.INSTANCE).valueType(KeyType.INSTANCE));
            return new UniqueIndex(map, indexName, keys, sparse);
        }
    }

    /**
     * {@code H2Collection} that never shares a document instance with the map. mongo-java-server
     * updates a document in place — the instance {@code getDocument} returned — and then puts it
     * back; the MVStore serializes its unsaved pages on a background thread, so an in-place update
     * of an instance that is still in a page being written throws
     * {@code ConcurrentModificationException} there and the store closes itself (seen in the
     * replay benchmark at 100k events). Every document goes into the map as a copy and comes out
     * as one, so the instances in the map are never changed.
     */
    private static final class CopyingCollection extends H2Collection {
        private final MVMap<Object, Document> data;

        CopyingCollection(MongoDatabase database, String collectionName, CollectionOptions options,
                          MVMap<Object, Document> data, MVMap<String, Object> meta, CursorRegistry cursorRegistry) {
            super(database, collectionName, options, data, meta, cursorRegistry);
            this.data = data;
        }

        @Override
        protected Object addDocumentInternal(Document document) {
            return super.addDocumentInternal(document.cloneDeeply());
        }

        @Override
        protected Document getDocument(Object position) {
            Document stored = data.get(position);
            return stored == null ? null : stored.cloneDeeply();
        }

        @Override
        protected void handleUpdate(Object position, Document oldDocument, Document newDocument) {
            data.put(Missing.ofNullable(position), newDocument.cloneDeeply());
        }

        @Override
        protected Stream<DocumentWithPosition<Object>> streamAllDocumentsWithPosition() {
            return data.entrySet().stream()
                    .map(entry -> new DocumentWithPosition<>(entry.getValue().cloneDeeply(), entry.getKey()));
        }

        @Override
        protected QueryResult matchDocuments(Document query, Document orderBy, int numberToSkip, int limit,
                                             int batchSize, Document fieldSelector) {
            Stream<Document> documents;
            if (isNaturalDescending(orderBy)) {
                documents = streamAllDocumentsWithPosition()
                        .sorted((a, b) -> ValueComparator.desc().compare(a.getPosition(), b.getPosition()))
                        .map(DocumentWithPosition::getDocument);
            } else {
                documents = data.values().stream().map(Document::cloneDeeply);
            }
            return matchDocumentsFromStream(documents, query, orderBy, numberToSkip, limit, batchSize, fieldSelector);
        }
    }

    /** {@code H2UniqueIndex} over a map opened with the BSON types (its constructor is not public). */
    private static final class UniqueIndex extends AbstractUniqueIndex<Object> {
        private final MVMap<KeyValue, Object> map;

        UniqueIndex(MVMap<KeyValue, Object> map, String name, List<IndexKey> keys, boolean sparse) {
            super(name, keys, sparse);
            this.map = map;
        }

        @Override
        protected Object removeDocument(KeyValue keyValue) {
            return map.remove(keyValue);
        }

        @Override
        protected boolean putKeyPosition(KeyValue keyValue, Object position) {
            return map.putIfAbsent(keyValue, Missing.ofNullable(position)) == null;
        }

        @Override
        protected Iterable<Entry<KeyValue, Object>> getIterable() {
            return map.entrySet();
        }

        @Override
        protected Object getPosition(KeyValue keyValue) {
            return map.get(keyValue);
        }

        @Override
        public long getCount() {
            return map.sizeAsLong();
        }

        @Override
        public boolean isEmpty() {
            return map.isEmpty();
        }

        @Override
        public long getDataSize() {
            return getCount();
        }
    }

    // ---- the types -----------------------------------------------------------------------------

    /** The one member name under which a single value is wrapped into a BSON document. */
    private static final String VALUE = "v";
    /** A document position or index value that is MongoDB's "missing" (no {@code _id}). */
    private static final byte MISSING = 0;
    private static final byte PRESENT = 1;

    /** A document as BSON. */
    static final class DocumentType extends BasicDataType<Document> {
        static final DocumentType INSTANCE = new DocumentType();

        @Override
        public int getMemory(Document document) {
            return estimate(document);
        }

        @Override
        public void write(WriteBuffer buffer, Document document) {
            writeBson(buffer, document);
        }

        @Override
        public Document read(ByteBuffer buffer) {
            return readBson(buffer);
        }

        @Override
        public Document[] createStorage(int size) {
            return new Document[size];
        }
    }

    /**
     * A document's position (its {@code _id} value, or missing) as a one-member BSON document,
     * ordered as MongoDB orders values.
     */
    static final class KeyType extends BasicDataType<Object> {
        static final KeyType INSTANCE = new KeyType();

        @Override
        public int getMemory(Object value) {
            return 16 + estimateValue(value);
        }

        @Override
        public void write(WriteBuffer buffer, Object value) {
            if (value instanceof Missing) {
                buffer.put(MISSING);
            } else {
                buffer.put(PRESENT);
                writeBson(buffer, new Document(VALUE, value));
            }
        }

        @Override
        public Object read(ByteBuffer buffer) {
            if (buffer.get() == MISSING) {
                return Missing.getInstance();
            }
            return readBson(buffer).get(VALUE);
        }

        @Override
        public int compare(Object a, Object b) {
            return ValueComparator.asc().compare(a, b);
        }

        @Override
        public Object[] createStorage(int size) {
            return new Object[size];
        }
    }

    /** A unique index's key (one value per indexed field) as a BSON array, ordered element by element. */
    static final class KeyValueType extends BasicDataType<KeyValue> {
        static final KeyValueType INSTANCE = new KeyValueType();

        @Override
        public int getMemory(KeyValue key) {
            int size = 24;
            for (Object value : key) {
                size += 16 + estimateValue(value);
            }
            return size;
        }

        @Override
        public void write(WriteBuffer buffer, KeyValue key) {
            List<Object> values = new ArrayList<>(key.size());
            List<Integer> missing = new ArrayList<>();
            for (int i = 0; i < key.size(); i++) {
                Object value = key.get(i);
                if (value instanceof Missing) {
                    missing.add(i);
                    values.add(null);
                } else {
                    values.add(value);
                }
            }
            writeBson(buffer, new Document(VALUE, values).append("m", missing));
        }

        @Override
        public KeyValue read(ByteBuffer buffer) {
            Document doc = readBson(buffer);
            List<Object> values = new ArrayList<>((Collection<?>) doc.get(VALUE));
            for (Object index : (Collection<?>) doc.get("m")) {
                values.set(((Number) index).intValue(), Missing.getInstance());
            }
            return new KeyValue(values);
        }

        @Override
        public int compare(KeyValue a, KeyValue b) {
            int n = Math.min(a.size(), b.size());
            for (int i = 0; i < n; i++) {
                int c = ValueComparator.asc().compare(a.get(i), b.get(i));
                if (c != 0) {
                    return c;
                }
            }
            return Integer.compare(a.size(), b.size());
        }

        @Override
        public KeyValue[] createStorage(int size) {
            return new KeyValue[size];
        }
    }

    private static void writeBson(WriteBuffer buffer, Document document) {
        ByteBuf bson = Unpooled.buffer(256);
        try {
            BsonEncoder.encodeDocument(document, bson);
            int length = bson.readableBytes();
            buffer.putVarInt(length);
            buffer.put(bson.nioBuffer(0, length));
        } finally {
            bson.release();
        }
    }

    private static Document readBson(ByteBuffer buffer) {
        int length = org.h2.mvstore.DataUtils.readVarInt(buffer);
        ByteBuf bson = Unpooled.wrappedBuffer(buffer.slice(buffer.position(), length));
        buffer.position(buffer.position() + length);
        return BsonDecoder.decodeBson(bson);
    }

    /** A rough size in memory, for the MVStore's page cache accounting (not exact, and needn't be). */
    private static int estimate(Map<String, ?> document) {
        int size = 48;
        for (Map.Entry<String, ?> e : document.entrySet()) {
            size += 32 + 2 * e.getKey().length() + estimateValue(e.getValue());
        }
        return size;
    }

    @SuppressWarnings("unchecked")
    private static int estimateValue(Object value) {
        if (value instanceof String s) {
            return 40 + 2 * s.length();
        }
        if (value instanceof Map<?, ?> m) {
            return estimate((Map<String, ?>) m);
        }
        if (value instanceof Collection<?> c) {
            int size = 40;
            for (Object element : c) {
                size += 8 + estimateValue(element);
            }
            return size;
        }
        return 24;
    }
}
