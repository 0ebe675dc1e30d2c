package io.proxyline.standalone;

import static io.proxyline.standalone.ProxySessionFlowTest.numbers;
import static io.proxyline.standalone.ProxySessionFlowTest.participants;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.proxyline.testing.SignedHttp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.chimesdkvoice.model.Capability;
import software.amazon.awssdk.services.chimesdkvoice.model.PhoneNumberProductType;
import software.amazon.awssdk.services.chimesdkvoice.model.ProxySession;

/** A session's history and its state at a past instant, over signed HTTP on the standalone app. */
class HistoryFlowTest extends StandaloneTestBase {

    @Test
    void historyListsEveryChangeWithItsPrincipalAndAtShowsThePast() {
        List<String> pool = numbers(1);
        String vc = alice.createVoiceConnector(r -> r.name("history").requireEncryption(false)).voiceConnector()
                .voiceConnectorId();
        alice.createPhoneNumberOrder(r -> r.productType(PhoneNumberProductType.VOICE_CONNECTOR).e164PhoneNumbers(pool));
        alice.associatePhoneNumbersWithVoiceConnector(r -> r.voiceConnectorId(vc).e164PhoneNumbers(pool));
        alice.putVoiceConnectorProxy(r -> r.voiceConnectorId(vc).defaultSessionExpiryMinutes(60)
                .phoneNumberPoolCountries("US"));
        List<String> people = participants(2);
        ProxySession created = alice.createProxySession(r -> r.voiceConnectorId(vc).participantPhoneNumbers(people)
                .capabilities(Capability.VOICE, Capability.SMS)).proxySession();
        String id = created.proxySessionId();
        Instant beforeUpdate = created.createdTimestamp();
        alice.updateProxySession(r -> r.voiceConnectorId(vc).proxySessionId(id).capabilities(Capability.VOICE));
        alice.deleteProxySession(r -> r.voiceConnectorId(vc).proxySessionId(id));

        SignedHttp http = SignedHttp.to(endpoint()).as(KEY_A, SECRET_A);
        SignedHttp.Response history = http.get("/voice-connectors/" + vc + "/proxy-sessions/" + id + "/history");
        assertThat(history.status()).as(history.text()).isEqualTo(200);
        List<String> types = new ArrayList<>();
        for (JsonNode e : history.json().get("Events")) {
            types.add(e.get("EventType").asText());
            assertThat(e.get("Principal").get("AccountId").asText()).isEqualTo(ACCOUNT_A);
            assertThat(e.get("Principal").get("AccessKeyId").asText()).isEqualTo(KEY_A);
            assertThat(e.get("RequestId").asText()).isNotBlank();
        }
        assertThat(types).containsExactly("ProxySessionCreated", "ProxySessionUpdated", "ProxySessionDeleted");
        assertThat(history.text()).doesNotContain(SECRET_A);

        SignedHttp.Response asBob = SignedHttp.to(endpoint()).as(KEY_B, SECRET_B)
                .get("/voice-connectors/" + vc + "/proxy-sessions/" + id + "/history");
        assertThat(asBob.status()).isEqualTo(404);

        SignedHttp.Response then = http.get("/voice-connectors/" + vc + "/proxy-sessions/" + id + "?at=" + beforeUpdate);
        assertThat(then.status()).as(then.text()).isEqualTo(200);
        assertThat(then.json().get("ProxySession").get("Capabilities")).hasSize(2);
        SignedHttp.Response before = http.get("/voice-connectors/" + vc + "/proxy-sessions/" + id + "?at="
                + beforeUpdate.minusSeconds(60));
        assertThat(before.status()).isEqualTo(404);
        SignedHttp.Response malformed = http.get("/voice-connectors/" + vc + "/proxy-sessions/" + id + "?at=yesterday");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.json().get("Code").asText()).isEqualTo("BadRequest");

        SignedHttp.Response connector = http.get("/voice-connectors/" + vc + "/history");
        assertThat(connector.status()).as(connector.text()).isEqualTo(200);
        List<String> connectorTypes = new ArrayList<>();
        connector.json().get("Events").forEach(e -> connectorTypes.add(e.get("EventType").asText()));
        assertThat(connectorTypes).contains("VoiceConnectorCreated", "ProxyConfigPut").noneMatch(t -> t.startsWith("ProxySession"));
    }
}
