package io.proxyline.query.interaction;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.proxyline.api.wire.WireTime;
import java.time.Instant;
import org.bson.Document;

/**
 * An interaction as stored in {@code proxy_session_interactions}, and its wire shape. The enums
 * ({@code type}, {@code action}, {@code reason}) are kept in their wire form; absent members are
 * null.
 */
record InteractionRow(
        String interactionId,
        String voiceConnectorId,
        String accountId,
        String proxySessionId,
        long position,
        String type,
        String fromPhoneNumber,
        String toPhoneNumber,
        String action,
        String forwardFrom,
        String forwardTo,
        String reason,
        Instant createdAt) {

    static InteractionRow from(Document doc) {
        return new InteractionRow(
                doc.getString("_id"),
                doc.getString("voiceConnectorId"),
                doc.getString("accountId"),
                doc.getString("proxySessionId"),
                ((Number) doc.get("position")).longValue(),
                doc.getString("type"),
                doc.getString("fromPhoneNumber"),
                doc.getString("toPhoneNumber"),
                doc.getString("action"),
                doc.getString("forwardFrom"),
                doc.getString("forwardTo"),
                doc.getString("reason"),
                doc.getDate("createdAt").toInstant());
    }

    /** Another account's or another connector's interactions do not exist for the caller. */
    boolean visibleTo(String callerAccountId, String callerVoiceConnectorId) {
        return accountId.equals(callerAccountId) && voiceConnectorId.equals(callerVoiceConnectorId);
    }

    ObjectNode toWire() {
        ObjectNode node = JsonNodeFactory.instance.objectNode()
                .put("InteractionId", interactionId)
                .put("ProxySessionId", proxySessionId);
        putIfPresent(node, "Type", type);
        putIfPresent(node, "FromPhoneNumber", fromPhoneNumber);
        putIfPresent(node, "ToPhoneNumber", toPhoneNumber);
        putIfPresent(node, "Action", action);
        putIfPresent(node, "ForwardFrom", forwardFrom);
        putIfPresent(node, "ForwardTo", forwardTo);
        putIfPresent(node, "Reason", reason);
        node.put("CreatedTimestamp", WireTime.format(createdAt));
        return node;
    }

    private static void putIfPresent(ObjectNode node, String member, String value) {
        if (value != null) {
            node.put(member, value);
        }
    }
}
