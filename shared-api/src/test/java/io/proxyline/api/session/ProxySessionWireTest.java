package io.proxyline.api.session;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The ProxySession member, as every operation that answers one renders it. */
class ProxySessionWireTest {
    private static final Instant CREATED = Instant.parse("2024-03-01T10:00:00Z");
    private static final Instant UPDATED = Instant.parse("2024-03-01T10:05:00.123456Z");
    private static final Instant ENDED = Instant.parse("2024-03-01T11:00:00Z");

    private static ProxySessionView session(String name, NumberSelectionBehavior selection, GeoMatchLevel level,
                                            GeoMatchParams params, SessionStatus status, Instant endedAt) {
        return new ProxySessionView("vc-1", "s-1", name, status, 60, EnumSet.of(Capability.SMS, Capability.VOICE),
                CREATED, UPDATED, endedAt, List.of("+12065550100", "+12065550101"), "+12065550199", selection, level,
                params);
    }

    @Test
    void everyMemberInTheModelsNamesAndOrder() {
        ObjectNode wire = ProxySessionWire.render(session("ride 42", NumberSelectionBehavior.AVOID_STICKY,
                GeoMatchLevel.AREA_CODE, new GeoMatchParams("US", "206"), SessionStatus.CLOSED, ENDED));

        assertThat(names(wire)).containsExactly("VoiceConnectorId", "ProxySessionId", "Name", "Status", "ExpiryMinutes",
                "Capabilities", "CreatedTimestamp", "UpdatedTimestamp", "EndedTimestamp", "Participants",
                "NumberSelectionBehavior", "GeoMatchLevel", "GeoMatchParams");
        assertThat(wire.get("VoiceConnectorId").asText()).isEqualTo("vc-1");
        assertThat(wire.get("ProxySessionId").asText()).isEqualTo("s-1");
        assertThat(wire.get("Name").asText()).isEqualTo("ride 42");
        assertThat(wire.get("Status").asText()).isEqualTo("Closed");
        assertThat(wire.get("ExpiryMinutes").isInt()).isTrue();
        assertThat(wire.get("ExpiryMinutes").asInt()).isEqualTo(60);
        assertThat(wire.get("Capabilities").toString()).isEqualTo("[\"Voice\",\"SMS\"]");
        assertThat(wire.get("CreatedTimestamp").asText()).isEqualTo("2024-03-01T10:00:00.000Z");
        assertThat(wire.get("UpdatedTimestamp").asText()).isEqualTo("2024-03-01T10:05:00.123Z");
        assertThat(wire.get("EndedTimestamp").asText()).isEqualTo("2024-03-01T11:00:00.000Z");
        assertThat(wire.get("Participants").toString()).isEqualTo(
                "[{\"PhoneNumber\":\"+12065550100\",\"ProxyPhoneNumber\":\"+12065550199\"},"
                        + "{\"PhoneNumber\":\"+12065550101\",\"ProxyPhoneNumber\":\"+12065550199\"}]");
        assertThat(wire.get("NumberSelectionBehavior").asText()).isEqualTo("AvoidSticky");
        assertThat(wire.get("GeoMatchLevel").asText()).isEqualTo("AreaCode");
        assertThat(wire.get("GeoMatchParams").toString()).isEqualTo("{\"Country\":\"US\",\"AreaCode\":\"206\"}");
    }

    /**
     * AWS leaves absent members out rather than writing null. A session the service created always
     * has a NumberSelectionBehavior (PreferSticky by default); one whose created event carries
     * none shows none, on every operation alike (the command side's own rendering failed on it).
     */
    @Test
    void absentMembersAreLeftOut() {
        ObjectNode wire = ProxySessionWire.render(session(null, null, null, null, SessionStatus.OPEN, null));

        assertThat(names(wire)).containsExactly("VoiceConnectorId", "ProxySessionId", "Status", "ExpiryMinutes",
                "Capabilities", "CreatedTimestamp", "UpdatedTimestamp", "Participants");
    }

    private static List<String> names(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
