package io.proxyline.standalone;

import static io.proxyline.standalone.ProxySessionFlowTest.connectorWithPool;
import static io.proxyline.standalone.ProxySessionFlowTest.numbers;
import static io.proxyline.standalone.ProxySessionFlowTest.participants;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.proxyline.testing.SignedHttp;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * One session, one wire shape: the {@code ProxySession} member reads the same, to the byte, in
 * the command side's answers (CreateProxySession, UpdateProxySession) and the query side's
 * (GetProxySession, ListProxySessions, and GetProxySession {@code ?at=} folded from the events).
 */
class ProxySessionRenderingTest extends StandaloneTestBase {

    @Test
    void aSessionWithEveryMemberRendersAlikeEverywhere() {
        String vc = connector();
        String body = "{\"ParticipantPhoneNumbers\":" + json(participants(2)) + ",\"Capabilities\":[\"SMS\",\"Voice\"],"
                + "\"Name\":\"ride 7\",\"ExpiryMinutes\":90,\"NumberSelectionBehavior\":\"AvoidSticky\","
                + "\"GeoMatchLevel\":\"AreaCode\",\"GeoMatchParams\":{\"Country\":\"US\",\"AreaCode\":\"206\"}}";

        JsonNode created = proxySession(http().post("/voice-connectors/" + vc + "/proxy-sessions", body), 201);
        assertThat(created.get("NumberSelectionBehavior").asText()).isEqualTo("AvoidSticky");
        assertReadsAlike(vc, created, created.get("CreatedTimestamp").asText());

        String id = created.get("ProxySessionId").asText();
        JsonNode updated = proxySession(http().post("/voice-connectors/" + vc + "/proxy-sessions/" + id,
                "{\"Capabilities\":[\"Voice\"],\"ExpiryMinutes\":30}"), 201);
        assertReadsAlike(vc, updated, updated.get("UpdatedTimestamp").asText());
    }

    /** AWS's ProxySession has NumberSelectionBehavior as a member: the default the session got is shown. */
    @Test
    void aSessionWithNoOptionalMemberRendersAlikeEverywhere() {
        String vc = connector();
        String body = "{\"ParticipantPhoneNumbers\":" + json(participants(2)) + ",\"Capabilities\":[\"Voice\"]}";

        JsonNode created = proxySession(http().post("/voice-connectors/" + vc + "/proxy-sessions", body), 201);
        assertThat(created.get("NumberSelectionBehavior").asText()).isEqualTo("PreferSticky");
        assertThat(created.has("Name")).isFalse();
        assertThat(created.has("GeoMatchLevel")).isFalse();
        assertThat(created.has("GeoMatchParams")).isFalse();
        assertThat(created.has("EndedTimestamp")).isFalse();
        assertReadsAlike(vc, created, created.get("CreatedTimestamp").asText());
    }

    private void assertReadsAlike(String vc, JsonNode expected, String at) {
        String id = expected.get("ProxySessionId").asText();
        String path = "/voice-connectors/" + vc + "/proxy-sessions";
        assertThat(proxySession(http().get(path + "/" + id), 200)).as("GetProxySession").isEqualTo(expected);
        JsonNode listed = null;
        for (JsonNode s : ok(http().get(path), 200).get("ProxySessions")) {
            if (s.get("ProxySessionId").asText().equals(id)) listed = s;
        }
        assertThat(listed).as("ListProxySessions").isEqualTo(expected);
        assertThat(proxySession(http().get(path + "/" + id + "?at=" + at), 200)).as("GetProxySession ?at=")
                .isEqualTo(expected);
    }

    private String connector() {
        return connectorWithPool(alice, numbers(2));
    }

    private SignedHttp http() {
        return SignedHttp.to(endpoint()).as(KEY_A, SECRET_A);
    }

    private static JsonNode proxySession(SignedHttp.Response response, int status) {
        return ok(response, status).get("ProxySession");
    }

    private static JsonNode ok(SignedHttp.Response response, int status) {
        assertThat(response.status()).as(response.text()).isEqualTo(status);
        return response.json();
    }

    private static String json(List<String> values) {
        return "[\"" + String.join("\",\"", values) + "\"]";
    }
}
