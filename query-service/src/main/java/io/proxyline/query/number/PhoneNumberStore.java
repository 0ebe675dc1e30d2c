package io.proxyline.query.number;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.Updates;
import io.proxyline.api.number.OrderedNumber;
import io.proxyline.api.number.PhoneNumberAcquiredEvent;
import io.proxyline.api.number.PhoneNumberAssociatedEvent;
import io.proxyline.api.number.PhoneNumberDisassociatedEvent;
import io.proxyline.api.number.PhoneNumberOrderPlacedEvent;
import io.proxyline.api.number.PhoneNumberReleasedEvent;
import io.proxyline.query.readmodel.AppendOnlyList;
import io.proxyline.query.readmodel.ReadModelBatch;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bson.Document;
import org.springframework.stereotype.Component;

/**
 * The phone-numbers read model. {@code phone_numbers}: one document per E.164 number, for its
 * current acquisition (a released number is flagged; acquiring it again replaces the document);
 * {@code phone_number_orders}: one per order; {@code account_phone_numbers} and
 * {@code voice_connector_phone_numbers}: every number an account acquired, and every number a
 * connector was associated with, in order, for paging. Every access is by {@code _id}.
 */
@Component
class PhoneNumberStore {
    static final String NUMBERS = "phone_numbers";
    static final String ORDERS = "phone_number_orders";
    static final String ACCOUNT_NUMBERS = "account_phone_numbers";
    static final String CONNECTOR_NUMBERS = "voice_connector_phone_numbers";

    private final MongoCollection<Document> numbers;
    private final MongoCollection<Document> orders;
    private final AppendOnlyList byAccount;
    private final AppendOnlyList byConnector;

    PhoneNumberStore(MongoDatabase database) {
        this.numbers = database.getCollection(NUMBERS);
        this.orders = database.getCollection(ORDERS);
        this.byAccount = new AppendOnlyList(database.getCollection(ACCOUNT_NUMBERS),
                event -> event instanceof PhoneNumberAcquiredEvent e ? List.of(e.accountId()) : List.of());
        this.byConnector = new AppendOnlyList(database.getCollection(CONNECTOR_NUMBERS),
                event -> event instanceof PhoneNumberAssociatedEvent e ? List.of(e.voiceConnectorId()) : List.of());
    }

    void acquired(PhoneNumberAcquiredEvent e) {
        Document doc = new Document("_id", e.e164PhoneNumber())
                .append("accountId", e.accountId())
                .append("orderId", e.orderId())
                .append("productType", e.productType())
                .append("name", e.name())
                .append("country", e.country())
                .append("tollFree", e.tollFree())
                .append("acquiredAt", Date.from(e.acquiredAt()))
                .append("updatedAt", Date.from(e.acquiredAt()))
                .append("released", false);
        ReadModelBatch.write(numbers,
                new ReplaceOneModel<>(eq("_id", e.e164PhoneNumber()), doc, new ReplaceOptions().upsert(true)));
        byAccount.append(e.accountId(), e.e164PhoneNumber());
    }

    void associated(PhoneNumberAssociatedEvent e) {
        ReadModelBatch.write(numbers, new UpdateOneModel<>(eq("_id", e.e164PhoneNumber()), Updates.combine(
                Updates.set("voiceConnectorId", e.voiceConnectorId()),
                Updates.set("associatedAt", Date.from(e.associatedAt())),
                Updates.set("updatedAt", Date.from(e.associatedAt())))));
        byConnector.append(e.voiceConnectorId(), e.e164PhoneNumber());
    }

    void disassociated(PhoneNumberDisassociatedEvent e) {
        ReadModelBatch.write(numbers, new UpdateOneModel<>(eq("_id", e.e164PhoneNumber()), Updates.combine(
                Updates.unset("voiceConnectorId"),
                Updates.unset("associatedAt"),
                Updates.set("updatedAt", Date.from(e.disassociatedAt())))));
    }

    void released(PhoneNumberReleasedEvent e) {
        ReadModelBatch.write(numbers, new UpdateOneModel<>(eq("_id", e.e164PhoneNumber()), Updates.combine(
                Updates.set("released", true),
                Updates.unset("voiceConnectorId"),
                Updates.unset("associatedAt"),
                Updates.set("updatedAt", Date.from(e.releasedAt())))));
    }

    void orderPlaced(PhoneNumberOrderPlacedEvent e) {
        List<Document> ordered = e.numbers().stream()
                .map(n -> new Document("e164PhoneNumber", n.e164PhoneNumber()).append("status", n.status()))
                .toList();
        Document doc = new Document("_id", e.orderId())
                .append("accountId", e.accountId())
                .append("productType", e.productType())
                .append("status", e.status())
                .append("numbers", ordered)
                .append("createdAt", Date.from(e.placedAt()))
                .append("updatedAt", Date.from(e.placedAt()));
        ReadModelBatch.write(orders, new ReplaceOneModel<>(eq("_id", e.orderId()), doc, new ReplaceOptions().upsert(true)));
    }

    void clear() {
        numbers.drop();
        orders.drop();
        byAccount.clear();
        byConnector.clear();
    }

    Optional<PhoneNumberRow> find(String e164) {
        return Optional.ofNullable(numbers.find(eq("_id", e164)).first()).map(PhoneNumberRow::from);
    }

    Map<String, PhoneNumberRow> findAll(List<String> e164s) {
        Map<String, PhoneNumberRow> found = new HashMap<>();
        for (Document doc : numbers.find(in("_id", e164s))) {
            PhoneNumberRow row = PhoneNumberRow.from(doc);
            found.put(row.e164PhoneNumber(), row);
        }
        return found;
    }

    Optional<PhoneNumberOrderRow> findOrder(String orderId) {
        return Optional.ofNullable(orders.find(eq("_id", orderId)).first()).map(doc -> new PhoneNumberOrderRow(
                doc.getString("_id"),
                doc.getString("accountId"),
                doc.getString("productType"),
                doc.getString("status"),
                doc.getList("numbers", Document.class, List.of()).stream()
                        .map(n -> new OrderedNumber(n.getString("e164PhoneNumber"), n.getString("status")))
                        .toList(),
                doc.getDate("createdAt").toInstant(),
                doc.getDate("updatedAt").toInstant()));
    }

    /** Every number each account acquired, by account id. */
    AppendOnlyList accountNumbers() {
        return byAccount;
    }

    /** Every number each connector was associated with, by connector id. */
    AppendOnlyList connectorNumbers() {
        return byConnector;
    }
}
