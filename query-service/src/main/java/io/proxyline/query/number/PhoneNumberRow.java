package io.proxyline.query.number;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.proxyline.api.wire.WireTime;
import java.time.Instant;
import org.bson.Document;

/** A number as stored in {@code phone_numbers}, and its wire shape. */
record PhoneNumberRow(
        String e164PhoneNumber,
        String accountId,
        String orderId,
        String productType,
        String name,
        String country,
        boolean tollFree,
        Instant acquiredAt,
        Instant updatedAt,
        String voiceConnectorId,
        Instant associatedAt,
        boolean released) {

    static PhoneNumberRow from(Document doc) {
        return new PhoneNumberRow(
                doc.getString("_id"),
                doc.getString("accountId"),
                doc.getString("orderId"),
                doc.getString("productType"),
                doc.getString("name"),
                doc.getString("country"),
                doc.getBoolean("tollFree", false),
                doc.getDate("acquiredAt").toInstant(),
                doc.getDate("updatedAt").toInstant(),
                doc.getString("voiceConnectorId"),
                doc.getDate("associatedAt") == null ? null : doc.getDate("associatedAt").toInstant(),
                doc.getBoolean("released", false));
    }

    /** Released numbers and other accounts' numbers do not exist for the caller. */
    boolean visibleTo(String callerAccountId) {
        return !released && accountId.equals(callerAccountId);
    }

    String status() {
        return voiceConnectorId == null ? "Unassigned" : "Assigned";
    }

    ObjectNode toWire() {
        ObjectNode node = JsonNodeFactory.instance.objectNode()
                .put("PhoneNumberId", e164PhoneNumber)
                .put("E164PhoneNumber", e164PhoneNumber)
                .put("Country", country)
                .put("Type", tollFree ? "TollFree" : "Local")
                .put("ProductType", productType)
                .put("Status", status());
        // Proxyline numbers carry calls and texts, never MMS.
        node.putObject("Capabilities")
                .put("InboundCall", true)
                .put("OutboundCall", true)
                .put("InboundSMS", true)
                .put("OutboundSMS", true)
                .put("InboundMMS", false)
                .put("OutboundMMS", false);
        var associations = node.putArray("Associations");
        if (voiceConnectorId != null) {
            associations.addObject()
                    .put("Value", voiceConnectorId)
                    .put("Name", "VoiceConnectorId")
                    .put("AssociatedTimestamp", WireTime.format(associatedAt));
        }
        if (name != null) {
            node.put("Name", name);
        }
        if (orderId != null) {
            node.put("OrderId", orderId);
        }
        node.put("CreatedTimestamp", WireTime.format(acquiredAt));
        node.put("UpdatedTimestamp", WireTime.format(updatedAt));
        return node;
    }
}
