package io.proxyline.query.session;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.proxyline.api.session.SessionExpiry;
import io.proxyline.api.session.SessionStatus;
import io.proxyline.api.wire.WireTime;
import java.time.Instant;
import java.util.List;
import org.bson.Document;

/**
 * A session as stored in {@code proxy_sessions}, and its wire shape. The stored status is what
 * the events said; what a reader sees also accounts for the session's expiry instant, which can
 * pass before the command side records the closing.
 */
public record ProxySessionRow(
        String voiceConnectorId,
        String proxySessionId,
        String accountId,
        long ordinal,
        List<String> participants,
        String proxyPhoneNumber,
        List<String> capabilities,
        int expiryMinutes,
        String name,
        String numberSelectionBehavior,
        String geoMatchLevel,
        String geoMatchCountry,
        String geoMatchAreaCode,
        SessionStatus status,
        Instant createdAt,
        Instant updatedAt,
        Instant endedAt,
        boolean deleted) {

    static ProxySessionRow from(Document doc) {
        Document geo = doc.get("geoMatchParams", Document.class);
        return new ProxySessionRow(
                doc.getString("voiceConnectorId"),
                doc.getString("_id"),
                doc.getString("accountId"),
                ((Number) doc.get("ordinal")).longValue(),
                doc.getList("participants", String.class, List.of()),
                doc.getString("proxyPhoneNumber"),
                doc.getList("capabilities", String.class, List.of()),
                doc.getInteger("expiryMinutes"),
                doc.getString("name"),
                doc.getString("numberSelectionBehavior"),
                doc.getString("geoMatchLevel"),
                geo == null ? null : geo.getString("country"),
                geo == null ? null : geo.getString("areaCode"),
                SessionStatus.fromWire(doc.getString("status")),
                doc.getDate("createdAt").toInstant(),
                doc.getDate("updatedAt").toInstant(),
                doc.getDate("endedAt") == null ? null : doc.getDate("endedAt").toInstant(),
                doc.getBoolean("deleted", false));
    }

    /** Deleted sessions, and sessions of another connector or account, do not exist for the caller. */
    boolean visibleTo(String callerAccountId, String callerVoiceConnectorId) {
        return !deleted && accountId.equals(callerAccountId) && voiceConnectorId.equals(callerVoiceConnectorId);
    }

    private SessionExpiry expiry() {
        return new SessionExpiry(createdAt, expiryMinutes);
    }

    SessionStatus statusAt(Instant now) {
        return expiry().statusAt(status, now);
    }

    Instant endedAt(Instant now) {
        return expiry().endedAt(status, endedAt, now);
    }

    /** GetProxySession's {@code ProxySession} member as it reads at {@code now}; the one rendering of a session. */
    public ObjectNode toWire(Instant now) {
        ObjectNode node = JsonNodeFactory.instance.objectNode()
                .put("VoiceConnectorId", voiceConnectorId)
                .put("ProxySessionId", proxySessionId);
        if (name != null) {
            node.put("Name", name);
        }
        node.put("Status", statusAt(now).wire());
        node.put("ExpiryMinutes", expiryMinutes);
        capabilities.forEach(node.putArray("Capabilities")::add);
        node.put("CreatedTimestamp", WireTime.format(createdAt));
        node.put("UpdatedTimestamp", WireTime.format(updatedAt));
        Instant ended = endedAt(now);
        if (ended != null) {
            node.put("EndedTimestamp", WireTime.format(ended));
        }
        ArrayNode wireParticipants = node.putArray("Participants");
        participants.forEach(p -> wireParticipants.addObject().put("PhoneNumber", p).put("ProxyPhoneNumber", proxyPhoneNumber));
        if (numberSelectionBehavior != null) {
            node.put("NumberSelectionBehavior", numberSelectionBehavior);
        }
        if (geoMatchLevel != null) {
            node.put("GeoMatchLevel", geoMatchLevel);
        }
        if (geoMatchCountry != null) {
            node.putObject("GeoMatchParams").put("Country", geoMatchCountry).put("AreaCode", geoMatchAreaCode);
        }
        return node;
    }
}
