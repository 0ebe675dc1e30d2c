package io.proxyline.query.session;

import io.proxyline.api.session.Capability;
import io.proxyline.api.session.GeoMatchLevel;
import io.proxyline.api.session.GeoMatchParams;
import io.proxyline.api.session.NumberSelectionBehavior;
import io.proxyline.api.session.ProxySessionView;
import io.proxyline.api.session.SessionStatus;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.bson.Document;

/**
 * A session as stored in {@code proxy_sessions}: what the events recorded, its account, whether
 * it is deleted. What a reader sees ({@link #view}) also accounts for the session's expiry
 * instant, which can pass before the command side records the closing.
 */
record ProxySessionRow(ProxySessionView recorded, String accountId, boolean deleted) {

    static ProxySessionRow from(Document doc) {
        Document geo = doc.get("geoMatchParams", Document.class);
        Set<Capability> capabilities = EnumSet.noneOf(Capability.class);
        doc.getList("capabilities", String.class, List.of()).forEach(c -> capabilities.add(Capability.fromWire(c)));
        String selection = doc.getString("numberSelectionBehavior");
        String level = doc.getString("geoMatchLevel");
        Instant endedAt = doc.getDate("endedAt") == null ? null : doc.getDate("endedAt").toInstant();
        return new ProxySessionRow(new ProxySessionView(
                doc.getString("voiceConnectorId"),
                doc.getString("_id"),
                doc.getString("name"),
                SessionStatus.fromWire(doc.getString("status")),
                doc.getInteger("expiryMinutes"),
                capabilities,
                doc.getDate("createdAt").toInstant(),
                doc.getDate("updatedAt").toInstant(),
                endedAt,
                doc.getList("participants", String.class, List.of()),
                doc.getString("proxyPhoneNumber"),
                selection == null ? null : NumberSelectionBehavior.fromWire(selection),
                level == null ? null : GeoMatchLevel.fromWire(level),
                geo == null ? null : new GeoMatchParams(geo.getString("country"), geo.getString("areaCode"))),
                doc.getString("accountId"),
                doc.getBoolean("deleted", false));
    }

    String proxySessionId() {
        return recorded.proxySessionId();
    }

    String voiceConnectorId() {
        return recorded.voiceConnectorId();
    }

    /** Deleted sessions, and sessions of another connector or account, do not exist for the caller. */
    boolean visibleTo(String callerAccountId, String callerVoiceConnectorId) {
        return !deleted && accountId.equals(callerAccountId) && voiceConnectorId().equals(callerVoiceConnectorId);
    }

    /** The session as it reads at {@code now}, for {@link io.proxyline.api.session.ProxySessionWire}. */
    ProxySessionView view(Instant now) {
        return recorded.at(now);
    }
}
