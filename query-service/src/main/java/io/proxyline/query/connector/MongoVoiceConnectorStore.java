package io.proxyline.query.connector;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.Updates;
import io.proxyline.api.connector.ProxyConfigPutEvent;
import io.proxyline.api.connector.VoiceConnectorCreatedEvent;
import io.proxyline.query.readmodel.AppendOnlyList;
import io.proxyline.query.readmodel.ReadModelBatch;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bson.Document;

/**
 * The connectors read model on MongoDB. {@code voice_connectors}: one document per connector, deleted ones
 * flagged rather than removed; {@code account_voice_connectors}: each account's connector ids in
 * creation order. Every access is by {@code _id}.
 */
final class MongoVoiceConnectorStore implements VoiceConnectorStore {
    static final String CONNECTORS = "voice_connectors";
    static final String ACCOUNT_CONNECTORS = "account_voice_connectors";

    private final MongoCollection<Document> connectors;
    private final AppendOnlyList byAccount;

    MongoVoiceConnectorStore(MongoDatabase database) {
        this.connectors = database.getCollection(CONNECTORS);
        this.byAccount = new AppendOnlyList(database.getCollection(ACCOUNT_CONNECTORS),
                event -> event instanceof VoiceConnectorCreatedEvent e ? List.of(e.accountId()) : List.of());
    }

    @Override
    public void created(VoiceConnectorCreatedEvent e) {
        Document doc = new Document("_id", e.voiceConnectorId())
                .append("accountId", e.accountId())
                .append("name", e.name())
                .append("awsRegion", e.awsRegion())
                .append("requireEncryption", e.requireEncryption())
                .append("networkType", e.networkType())
                .append("integrationType", e.integrationType())
                .append("createdAt", Date.from(e.createdAt()))
                .append("updatedAt", Date.from(e.createdAt()))
                .append("phoneNumbers", List.of())
                .append("deleted", false);
        ReadModelBatch.write(connectors,
                new ReplaceOneModel<>(eq("_id", e.voiceConnectorId()), doc, new ReplaceOptions().upsert(true)));
        byAccount.append(e.accountId(), e.voiceConnectorId());
    }

    @Override
    public void deleted(String voiceConnectorId, Instant deletedAt) {
        ReadModelBatch.write(connectors, new UpdateOneModel<>(eq("_id", voiceConnectorId),
                Updates.combine(Updates.set("deleted", true), Updates.set("deletedAt", Date.from(deletedAt)))));
    }

    @Override
    public void numbersAdded(String voiceConnectorId, List<String> numbers) {
        ReadModelBatch.write(connectors, new UpdateOneModel<>(eq("_id", voiceConnectorId), Updates.addEachToSet("phoneNumbers", numbers)));
    }

    @Override
    public void numbersRemoved(String voiceConnectorId, List<String> numbers) {
        ReadModelBatch.write(connectors, new UpdateOneModel<>(eq("_id", voiceConnectorId), Updates.pullAll("phoneNumbers", numbers)));
    }

    @Override
    public void proxyConfigPut(ProxyConfigPutEvent e) {
        Document proxy = new Document("defaultSessionExpiryMinutes", e.defaultSessionExpiryMinutes())
                .append("phoneNumberPoolCountries", e.phoneNumberPoolCountries())
                .append("fallBackPhoneNumber", e.fallBackPhoneNumber())
                .append("disabled", e.disabled())
                .append("updatedAt", Date.from(e.putAt()));
        ReadModelBatch.write(connectors, new UpdateOneModel<>(eq("_id", e.voiceConnectorId()), Updates.set("proxy", proxy)));
    }

    @Override
    public void proxyConfigDeleted(String voiceConnectorId) {
        ReadModelBatch.write(connectors, new UpdateOneModel<>(eq("_id", voiceConnectorId), Updates.unset("proxy")));
    }

    @Override
    public void clear() {
        connectors.drop();
        byAccount.clear();
    }

    @Override
    public Optional<VoiceConnectorRow> find(String voiceConnectorId) {
        return Optional.ofNullable(connectors.find(eq("_id", voiceConnectorId)).first()).map(VoiceConnectorRow::from);
    }

    @Override
    public List<VoiceConnectorRow> findAll(Collection<String> ids) {
        Map<String, VoiceConnectorRow> found = new HashMap<>();
        for (Document doc : connectors.find(in("_id", ids))) {
            VoiceConnectorRow row = VoiceConnectorRow.from(doc);
            found.put(row.voiceConnectorId(), row);
        }
        List<VoiceConnectorRow> ordered = new ArrayList<>(found.size());
        for (String id : ids) {
            VoiceConnectorRow row = found.get(id);
            if (row != null) {
                ordered.add(row);
            }
        }
        return ordered;
    }

    @Override
    public long accountConnectorCount(String accountId) {
        return byAccount.size(accountId);
    }

    @Override
    public List<String> accountConnectorIds(String accountId, long from, int count) {
        return byAccount.slice(accountId, from, count);
    }

    /** What standalone left on the embedded MongoDB-wire server before this read model moved to SQL rows. */
    static final List<String> LEFT_OVERS = List.of(CONNECTORS, ACCOUNT_CONNECTORS);
}
