package io.proxyline.api.session;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.proxyline.api.wire.WireTime;
import java.time.Instant;

/**
 * The AWS model's {@code ProxySession} structure: the one rendering of a session, for the command
 * side's answers (Create/UpdateProxySession) and the query side's (Get/ListProxySessions, and
 * GetProxySession {@code ?at=}), so a session reads the same whichever service answers.
 */
public final class ProxySessionWire {
    private ProxySessionWire() {}

    /** Members in the model's order; an absent one is left out, as AWS does, never written as null. */
    public static ObjectNode render(ProxySessionView s) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("VoiceConnectorId", s.voiceConnectorId());
        o.put("ProxySessionId", s.proxySessionId());
        putIfPresent(o, "Name", s.name());
        o.put("Status", s.status().wire());
        o.put("ExpiryMinutes", s.expiryMinutes());
        ArrayNode capabilities = o.putArray("Capabilities");
        for (Capability c : Capability.values()) {
            if (s.capabilities().contains(c)) capabilities.add(c.wire());
        }
        putIfPresent(o, "CreatedTimestamp", s.createdAt());
        putIfPresent(o, "UpdatedTimestamp", s.updatedAt());
        putIfPresent(o, "EndedTimestamp", s.endedAt());
        ArrayNode participants = o.putArray("Participants");
        for (String p : s.participants()) {
            participants.addObject().put("PhoneNumber", p).put("ProxyPhoneNumber", s.proxyPhoneNumber());
        }
        if (s.selection() != null) o.put("NumberSelectionBehavior", s.selection().wire());
        if (s.geoMatchLevel() != null) o.put("GeoMatchLevel", s.geoMatchLevel().wire());
        if (s.geoMatchParams() != null) {
            o.putObject("GeoMatchParams")
                    .put("Country", s.geoMatchParams().country())
                    .put("AreaCode", s.geoMatchParams().areaCode());
        }
        return o;
    }

    private static void putIfPresent(ObjectNode o, String member, String value) {
        if (value != null) o.put(member, value);
    }

    private static void putIfPresent(ObjectNode o, String member, Instant value) {
        if (value != null) o.put(member, WireTime.format(value));
    }
}
