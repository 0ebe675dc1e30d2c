package io.proxyline.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.chimesdkvoice.ChimeSdkVoiceClient;
import software.amazon.awssdk.services.chimesdkvoice.model.BadRequestException;
import software.amazon.awssdk.services.chimesdkvoice.model.Capability;
import software.amazon.awssdk.services.chimesdkvoice.model.ConflictException;
import software.amazon.awssdk.services.chimesdkvoice.model.CreateProxySessionResponse;
import software.amazon.awssdk.services.chimesdkvoice.model.GeoMatchLevel;
import software.amazon.awssdk.services.chimesdkvoice.model.ListProxySessionsResponse;
import software.amazon.awssdk.services.chimesdkvoice.model.NotFoundException;
import software.amazon.awssdk.services.chimesdkvoice.model.NumberSelectionBehavior;
import software.amazon.awssdk.services.chimesdkvoice.model.PhoneNumberOrderStatus;
import software.amazon.awssdk.services.chimesdkvoice.model.PhoneNumberProductType;
import software.amazon.awssdk.services.chimesdkvoice.model.ProxySession;
import software.amazon.awssdk.services.chimesdkvoice.model.ProxySessionStatus;

/** The README's walk-through, through the real AWS SDK: every operation once, and the rules the wire must show. */
class ProxySessionFlowTest extends StandaloneTestBase {
    private static final AtomicInteger NEXT = new AtomicInteger(100);

    /** Fresh, valid Seattle numbers per test, so tests don't share inventory. */
    static List<String> numbers(int n) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) out.add(String.format("+1206555%04d", NEXT.getAndIncrement()));
        return out;
    }

    static List<String> participants(int n) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) out.add(String.format("+1212555%04d", NEXT.getAndIncrement()));
        return out;
    }

    static String connectorWithPool(ChimeSdkVoiceClient client, List<String> pool) {
        String vc = client.createVoiceConnector(r -> r.name("flow").requireEncryption(false)).voiceConnector()
                .voiceConnectorId();
        var order = client.createPhoneNumberOrder(r -> r.productType(PhoneNumberProductType.VOICE_CONNECTOR)
                .e164PhoneNumbers(pool)).phoneNumberOrder();
        assertThat(order.status()).isEqualTo(PhoneNumberOrderStatus.SUCCESSFUL);
        var assoc = client.associatePhoneNumbersWithVoiceConnector(r -> r.voiceConnectorId(vc).e164PhoneNumbers(pool));
        assertThat(assoc.phoneNumberErrors()).isEmpty();
        client.putVoiceConnectorProxy(r -> r.voiceConnectorId(vc).defaultSessionExpiryMinutes(60)
                .phoneNumberPoolCountries("US"));
        return vc;
    }

    @Test
    void wholeFlowReadsItsOwnWrites() {
        List<String> pool = numbers(2);
        String vc = connectorWithPool(alice, pool);
        List<String> people = participants(2);

        CreateProxySessionResponse created = alice.createProxySession(r -> r.voiceConnectorId(vc)
                .participantPhoneNumbers(people).capabilities(Capability.VOICE, Capability.SMS).name("ride 42"));
        ProxySession s = created.proxySession();
        assertThat(s.status()).isEqualTo(ProxySessionStatus.OPEN);
        assertThat(s.expiryMinutes()).isEqualTo(60);
        assertThat(s.participants()).hasSize(2);
        assertThat(s.participants().get(0).proxyPhoneNumber()).isIn(pool)
                .isEqualTo(s.participants().get(1).proxyPhoneNumber());
        assertThat(s.createdTimestamp()).isNotNull();

        ProxySession got = alice.getProxySession(r -> r.voiceConnectorId(vc).proxySessionId(s.proxySessionId()))
                .proxySession();
        assertThat(got.proxySessionId()).isEqualTo(s.proxySessionId());
        assertThat(got.name()).isEqualTo("ride 42");
        assertThat(got.participants()).isEqualTo(s.participants());

        ListProxySessionsResponse list = alice.listProxySessions(r -> r.voiceConnectorId(vc));
        assertThat(list.proxySessions()).extracting(ProxySession::proxySessionId).containsExactly(s.proxySessionId());

        ProxySession updated = alice.updateProxySession(r -> r.voiceConnectorId(vc).proxySessionId(s.proxySessionId())
                .capabilities(Capability.SMS).expiryMinutes(90)).proxySession();
        assertThat(updated.capabilities()).containsExactly(Capability.SMS);
        assertThat(updated.expiryMinutes()).isEqualTo(90);
        ProxySession afterUpdate = alice.getProxySession(r -> r.voiceConnectorId(vc).proxySessionId(s.proxySessionId()))
                .proxySession();
        assertThat(afterUpdate.capabilities()).containsExactly(Capability.SMS);
        assertThat(afterUpdate.expiryMinutes()).isEqualTo(90);

        alice.deleteProxySession(r -> r.voiceConnectorId(vc).proxySessionId(s.proxySessionId()));
        assertThatThrownBy(() -> alice.getProxySession(r -> r.voiceConnectorId(vc).proxySessionId(s.proxySessionId())))
                .isInstanceOf(NotFoundException.class);
        assertThat(alice.listProxySessions(r -> r.voiceConnectorId(vc)).proxySessions()).isEmpty();
    }

    @Test
    void connectorsNumbersAndProxyConfigAreReadable() {
        List<String> pool = numbers(1);
        String vc = connectorWithPool(alice, pool);
        assertThat(alice.getVoiceConnector(r -> r.voiceConnectorId(vc)).voiceConnector().name()).isEqualTo("flow");
        assertThat(alice.listVoiceConnectors(r -> {}).voiceConnectors()).extracting(v -> v.voiceConnectorId()).contains(vc);
        var proxy = alice.getVoiceConnectorProxy(r -> r.voiceConnectorId(vc)).proxy();
        assertThat(proxy.defaultSessionExpiryMinutes()).isEqualTo(60);
        assertThat(proxy.phoneNumberCountries()).containsExactly("US");
        var number = alice.getPhoneNumber(r -> r.phoneNumberId(pool.get(0))).phoneNumber();
        assertThat(number.e164PhoneNumber()).isEqualTo(pool.get(0));
        assertThat(number.country()).isEqualTo("US");
        assertThat(number.associations()).extracting(a -> a.value()).containsExactly(vc);
        assertThat(alice.listPhoneNumbers(r -> {}).phoneNumbers()).extracting(p -> p.e164PhoneNumber()).contains(pool.get(0));
    }

    @Test
    void connectorWithNumbersCannotBeDeletedUntilTheyAreDisassociated() {
        List<String> pool = numbers(1);
        String vc = connectorWithPool(alice, pool);
        assertThatThrownBy(() -> alice.deleteVoiceConnector(r -> r.voiceConnectorId(vc)))
                .isInstanceOf(ConflictException.class);
        var result = alice.disassociatePhoneNumbersFromVoiceConnector(r -> r.voiceConnectorId(vc).e164PhoneNumbers(pool));
        assertThat(result.phoneNumberErrors()).isEmpty();
        alice.deleteVoiceConnector(r -> r.voiceConnectorId(vc));
        assertThatThrownBy(() -> alice.getVoiceConnector(r -> r.voiceConnectorId(vc))).isInstanceOf(NotFoundException.class);
        alice.deletePhoneNumber(r -> r.phoneNumberId(pool.get(0)));
        assertThatThrownBy(() -> alice.getPhoneNumber(r -> r.phoneNumberId(pool.get(0)))).isInstanceOf(NotFoundException.class);
    }

    @Test
    void participantNeverHoldsAProxyNumberTwice() {
        List<String> pool = numbers(1);
        String vc = connectorWithPool(alice, pool);
        List<String> people = participants(3);
        alice.createProxySession(r -> r.voiceConnectorId(vc).participantPhoneNumbers(people.get(0), people.get(1))
                .capabilities(Capability.VOICE));
        assertThatThrownBy(() -> alice.createProxySession(r -> r.voiceConnectorId(vc)
                .participantPhoneNumbers(people.get(0), people.get(2)).capabilities(Capability.VOICE)))
                .isInstanceOf(BadRequestException.class);
    }

    @Test
    void deletingTheProxyConfigClosesActiveSessionsWhichStayVisible() {
        String vc = connectorWithPool(alice, numbers(1));
        List<String> people = participants(2);
        String id = alice.createProxySession(r -> r.voiceConnectorId(vc).participantPhoneNumbers(people)
                .capabilities(Capability.VOICE)).proxySession().proxySessionId();
        alice.deleteVoiceConnectorProxy(r -> r.voiceConnectorId(vc));
        ProxySession closed = alice.getProxySession(r -> r.voiceConnectorId(vc).proxySessionId(id)).proxySession();
        assertThat(closed.status()).isEqualTo(ProxySessionStatus.CLOSED);
        assertThat(closed.endedTimestamp()).isNotNull();
        assertThat(alice.listProxySessions(r -> r.voiceConnectorId(vc)).proxySessions()).hasSize(1);
        assertThat(alice.listProxySessions(r -> r.voiceConnectorId(vc).status(ProxySessionStatus.OPEN)).proxySessions())
                .isEmpty();
        assertThatThrownBy(() -> alice.createProxySession(r -> r.voiceConnectorId(vc).participantPhoneNumbers(people)
                .capabilities(Capability.VOICE))).isInstanceOf(BadRequestException.class);
    }

    /** A closed session has left the connector's memory: the ended-session directory still answers for it. */
    @Test
    void aClosedSessionIsRefusedAsClosedOnUpdateAndCanBeDeletedOnce() {
        String vc = connectorWithPool(alice, numbers(1));
        String id = alice.createProxySession(r -> r.voiceConnectorId(vc).participantPhoneNumbers(participants(2))
                .capabilities(Capability.VOICE)).proxySession().proxySessionId();
        alice.deleteVoiceConnectorProxy(r -> r.voiceConnectorId(vc));
        assertThatThrownBy(() -> alice.updateProxySession(r -> r.voiceConnectorId(vc).proxySessionId(id)
                .capabilities(Capability.SMS))).isInstanceOf(BadRequestException.class).hasMessageContaining("closed");
        alice.deleteProxySession(r -> r.voiceConnectorId(vc).proxySessionId(id));
        assertThatThrownBy(() -> alice.getProxySession(r -> r.voiceConnectorId(vc).proxySessionId(id)))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> alice.deleteProxySession(r -> r.voiceConnectorId(vc).proxySessionId(id)))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> alice.updateProxySession(r -> r.voiceConnectorId(vc).proxySessionId(id)
                .capabilities(Capability.SMS))).isInstanceOf(NotFoundException.class);
    }

    @Test
    void anotherAccountSeesNothing() {
        List<String> pool = numbers(1);
        String vc = connectorWithPool(alice, pool);
        String id = alice.createProxySession(r -> r.voiceConnectorId(vc).participantPhoneNumbers(participants(2))
                .capabilities(Capability.VOICE)).proxySession().proxySessionId();
        assertThatThrownBy(() -> bob.getVoiceConnector(r -> r.voiceConnectorId(vc))).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> bob.getProxySession(r -> r.voiceConnectorId(vc).proxySessionId(id)))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> bob.listProxySessions(r -> r.voiceConnectorId(vc))).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> bob.deleteProxySession(r -> r.voiceConnectorId(vc).proxySessionId(id)))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> bob.getPhoneNumber(r -> r.phoneNumberId(pool.get(0)))).isInstanceOf(NotFoundException.class);
        assertThat(bob.listVoiceConnectors(r -> {}).voiceConnectors()).extracting(v -> v.voiceConnectorId()).doesNotContain(vc);
        assertThat(bob.listPhoneNumbers(r -> {}).phoneNumbers()).extracting(p -> p.e164PhoneNumber()).doesNotContain(pool.get(0));
        var order = bob.createPhoneNumberOrder(r -> r.productType(PhoneNumberProductType.VOICE_CONNECTOR)
                .e164PhoneNumbers(pool.get(0))).phoneNumberOrder();
        assertThat(order.status()).isEqualTo(PhoneNumberOrderStatus.FAILED);
        assertThat(alice.getProxySession(r -> r.voiceConnectorId(vc).proxySessionId(id)).proxySession().status())
                .isEqualTo(ProxySessionStatus.OPEN);
    }

    @Test
    void stickyAndGeoMatchThroughTheWire() {
        List<String> pool = numbers(2);
        String vc = connectorWithPool(alice, pool);
        List<String> people = participants(2);
        String first = alice.createProxySession(r -> r.voiceConnectorId(vc).participantPhoneNumbers(people)
                .capabilities(Capability.VOICE)).proxySession().participants().get(0).proxyPhoneNumber();
        String id = alice.listProxySessions(r -> r.voiceConnectorId(vc)).proxySessions().get(0).proxySessionId();
        alice.deleteProxySession(r -> r.voiceConnectorId(vc).proxySessionId(id));
        String again = alice.createProxySession(r -> r.voiceConnectorId(vc).participantPhoneNumbers(people)
                .capabilities(Capability.VOICE).numberSelectionBehavior(NumberSelectionBehavior.PREFER_STICKY))
                .proxySession().participants().get(0).proxyPhoneNumber();
        assertThat(again).isEqualTo(first);
        assertThatThrownBy(() -> alice.createProxySession(r -> r.voiceConnectorId(vc)
                .participantPhoneNumbers(participants(2)).capabilities(Capability.VOICE)
                .geoMatchLevel(GeoMatchLevel.AREA_CODE).geoMatchParams(g -> g.country("US").areaCode("415"))))
                .isInstanceOf(BadRequestException.class);
    }

    @Test
    void pagesAreStableWhileSessionsAreCreated() {
        String vc = connectorWithPool(alice, numbers(3));
        Set<String> existing = new HashSet<>();
        for (int i = 0; i < 7; i++) {
            existing.add(alice.createProxySession(r -> r.voiceConnectorId(vc).participantPhoneNumbers(participants(2))
                    .capabilities(Capability.VOICE)).proxySession().proxySessionId());
        }
        List<String> seen = new ArrayList<>();
        String token = null;
        do {
            String t = token;
            ListProxySessionsResponse page = alice.listProxySessions(r -> r.voiceConnectorId(vc).maxResults(3).nextToken(t));
            assertThat(page.proxySessions().size()).isLessThanOrEqualTo(3);
            page.proxySessions().forEach(p -> seen.add(p.proxySessionId()));
            alice.createProxySession(r -> r.voiceConnectorId(vc).participantPhoneNumbers(participants(2))
                    .capabilities(Capability.VOICE));
            token = page.nextToken();
        } while (token != null);
        assertThat(seen).doesNotHaveDuplicates().containsAll(existing);
    }
}
