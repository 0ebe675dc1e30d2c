package io.proxyline.systemtest;

import static io.proxyline.systemtest.SipAgent.vars;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.proxyline.systemtest.SipAgent.SipMessage;
import io.proxyline.testing.AwsClients;
import io.proxyline.testing.SignedHttp;
import io.proxyline.testing.TestCredentials;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.chimesdkvoice.ChimeSdkVoiceClient;
import software.amazon.awssdk.services.chimesdkvoice.model.Capability;
import software.amazon.awssdk.services.chimesdkvoice.model.PhoneNumberOrderStatus;
import software.amazon.awssdk.services.chimesdkvoice.model.PhoneNumberProductType;
import software.amazon.awssdk.services.chimesdkvoice.model.ProxySession;
import software.amazon.awssdk.services.chimesdkvoice.model.ProxySessionStatus;

/**
 * The routing hook with real telephony software: the standalone jar (SigV4 credentials and a hook
 * credential), Debian's Kamailio running deploy/kamailio/kamailio.cfg unchanged as the operator's
 * SIP edge, and SIPp user agents as the phones on both sides — callers on the carrier side, and the
 * lines behind the PSTN gateway, each on its own loopback port. Kamailio asks Proxyline (HTTP Basic,
 * the hook credential) where each call or text goes and routes it; the answering agents check,
 * inside their scenarios, that they were reached on their own number with the proxy number as the
 * caller id, and the test checks the rest on the wire: what they saw, the session's status and its
 * interactions. Each step prints its SIP flow ({@code [sip]} lines; demo/sip-demo.sh shows them).
 *
 * <p>Skipped where kamailio or sipp is not installed, except under CI, where that is a failure
 * (.ci/run installs them).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SipRoutingSystemTest {
    static final String RIDER = "+14155550101";
    static final String DRIVER = "+16465550102";
    static final String STRANGER = "+13125550103";
    static final String BUYER = "+17185550104";
    static final String SELLER = "+12125550105";
    static final String FALLBACK = "+12065550199";
    static final List<String> POOL = List.of("+12065550100", "+12065550101");
    static final String HOOK_KEY_ID = "HOOKKAMAILIO";
    /** With '/' and '+', as generated secrets may have: the hook connection file must carry them as they are. */
    static final String HOOK_SECRET = "hook/" + UUID.randomUUID().toString().replace("-", "") + "+sip";

    @RegisterExtension
    static final Deployment deployment = new Deployment("sip-routing");

    static ChimeSdkVoiceClient client;
    static SignedHttp http;
    static String vc;
    /** Rider and driver, Voice only. */
    static ProxySession ride;
    /** Buyer and seller, SMS only. */
    static ProxySession sale;
    static Kamailio kamailio;
    /** The lines behind the gateway: number → loopback UDP port of its answering agent. */
    static final Map<String, Integer> lines = new LinkedHashMap<>();

    @BeforeAll
    static void startProxylineKamailioAndTheSessions() {
        boolean installed = Kamailio.findBinary().isPresent() && SipAgent.findBinary().isPresent();
        String missing = "kamailio and sipp are needed (apt-get install kamailio kamailio-utils-modules "
                + "kamailio-json-modules sip-tester; found kamailio: " + Kamailio.findBinary().isPresent()
                + ", sipp: " + SipAgent.findBinary().isPresent() + ")";
        if (!installed) {
            if (System.getenv("CI") != null) {
                fail(missing + ": under CI, .ci/run installs them, so their absence is a failure, not a skip");
            }
            // Surefire counts a class skipped in @BeforeAll as no test at all: say it where it shows.
            System.err.println("[sip] SIP routing test skipped: " + missing);
        }
        assumeTrue(installed, "SIP routing test skipped: " + missing);

        int port = Reactor.freePort();
        startStandalone(port);
        URI endpoint = URI.create("http://127.0.0.1:" + port);
        client = AwsClients.chimeSdkVoice(endpoint);
        http = SignedHttp.to(endpoint);

        vc = client.createVoiceConnector(r -> r.name("sip-routing").requireEncryption(false))
                .voiceConnector().voiceConnectorId();
        assertThat(client.createPhoneNumberOrder(r -> r.productType(PhoneNumberProductType.VOICE_CONNECTOR)
                .e164PhoneNumbers(POOL)).phoneNumberOrder().status()).isEqualTo(PhoneNumberOrderStatus.SUCCESSFUL);
        assertThat(client.associatePhoneNumbersWithVoiceConnector(r -> r.voiceConnectorId(vc).e164PhoneNumbers(POOL))
                .phoneNumberErrors()).isEmpty();
        client.putVoiceConnectorProxy(r -> r.voiceConnectorId(vc).phoneNumberPoolCountries("US")
                .defaultSessionExpiryMinutes(60).fallBackPhoneNumber(FALLBACK));
        ride = client.createProxySession(r -> r.voiceConnectorId(vc).participantPhoneNumbers(RIDER, DRIVER)
                .capabilities(Capability.VOICE)).proxySession();
        sale = client.createProxySession(r -> r.voiceConnectorId(vc).participantPhoneNumbers(BUYER, SELLER)
                .capabilities(Capability.SMS)).proxySession();

        int sipPort = SipAgent.freeUdpPort();
        List<Integer> taken = new ArrayList<>(List.of(sipPort));
        Map<String, String> routes = new LinkedHashMap<>();
        for (String number : List.of(DRIVER, FALLBACK, SELLER)) {
            int line = SipAgent.freeUdpPort(taken.stream().mapToInt(Integer::intValue).toArray());
            taken.add(line);
            lines.put(number, line);
            routes.put(number, "sip:127.0.0.1:" + line);
        }
        // Any other number goes where nothing answers: the hook never sends a call anywhere else.
        String nowhere = "sip:127.0.0.1:" + SipAgent.freeUdpPort(taken.stream().mapToInt(Integer::intValue).toArray());
        kamailio = Kamailio.prepare(deployment.workDir().resolve("kamailio"), sipPort,
                endpoint + "/voice-connectors/" + vc, HOOK_KEY_ID, HOOK_SECRET, routes, nowhere).check();
        deployment.register(kamailio.launch());
        kamailio.awaitListening();
        System.out.printf("[sip] Proxyline on %s, connector %s, proxy numbers %s, fallback %s; Kamailio on udp:%s%n",
                endpoint, vc, POOL, FALLBACK, kamailio.address());
        System.out.printf("[sip] session %s: rider %s and driver %s (Voice) on %s%n", ride.proxySessionId(), RIDER,
                DRIVER, proxyNumber(ride));
        System.out.printf("[sip] session %s: buyer %s and seller %s (SMS) on %s%n", sale.proxySessionId(), BUYER,
                SELLER, proxyNumber(sale));
    }

    @AfterAll
    static void closeClient() {
        if (client != null) {
            client.close();
        }
    }

    @Test
    @Order(1)
    void aParticipantsCallRingsTheOtherOneWithTheProxyNumberAsCallerId() {
        String proxy = proxyNumber(ride);
        SipAgent driver = answer("line-driver", "callee.xml", DRIVER, proxy);
        SipAgent rider = dial("rider", "caller.xml", vars("caller", RIDER), proxy);

        completed("the rider " + RIDER + " calls the proxy number " + proxy, rider, driver);
        SipMessage invite = driver.received("INVITE ").orElseThrow();
        assertThat(SipMessage.user(invite.startLine())).isEqualTo(DRIVER);
        assertThat(SipMessage.user(invite.header("From").orElseThrow())).isEqualTo(proxy);
        assertThat(SipMessage.user(invite.header("P-Asserted-Identity").orElseThrow())).isEqualTo(proxy);
        assertThat(driver.messages()).as("the rider's number appears in nothing the driver's line saw or sent")
                .noneMatch(m -> m.text().contains(RIDER.substring(1)));
        String interactionId = invite.header("X-Proxyline-Interaction-Id").orElseThrow();

        assertThat(client.getProxySession(r -> r.voiceConnectorId(vc).proxySessionId(ride.proxySessionId()))
                .proxySession().status()).isEqualTo(ProxySessionStatus.IN_PROGRESS);
        JsonNode forward = interaction(ride, interactionId);
        assertThat(forward.path("Action").asText()).isEqualTo("Forward");
        assertThat(forward.path("Type").asText()).isEqualTo("Voice");
        assertThat(forward.path("ProxySessionId").asText()).isEqualTo(ride.proxySessionId());
        assertThat(forward.path("FromPhoneNumber").asText()).isEqualTo(RIDER);
        assertThat(forward.path("ToPhoneNumber").asText()).isEqualTo(proxy);
        assertThat(forward.path("ForwardFrom").asText()).isEqualTo(proxy);
        assertThat(forward.path("ForwardTo").asText()).isEqualTo(DRIVER);
        assertThat(kamailio.decision(interactionId)).hasValueSatisfying(d -> {
            assertThat(d.action()).isEqualTo("Forward");
            assertThat(d.forwardTo()).isEqualTo(DRIVER);
        });
    }

    @Test
    @Order(2)
    void aStrangersCallGoesToTheFallbackLine() {
        String proxy = proxyNumber(ride);
        SipAgent fallback = answer("line-fallback", "callee.xml", FALLBACK, proxy);
        SipAgent stranger = dial("stranger", "caller.xml", vars("caller", STRANGER), proxy);

        completed("a stranger " + STRANGER + " calls the proxy number " + proxy, stranger, fallback);
        SipMessage invite = fallback.received("INVITE ").orElseThrow();
        assertThat(SipMessage.user(invite.startLine())).isEqualTo(FALLBACK);
        assertThat(SipMessage.user(invite.header("From").orElseThrow())).isEqualTo(proxy);
        assertThat(fallback.messages()).noneMatch(m -> m.text().contains(STRANGER.substring(1)));
        String interactionId = invite.header("X-Proxyline-Interaction-Id").orElseThrow();

        // No session matched, so the hook's answer is where the fallback is reported.
        assertThat(kamailio.decision(interactionId)).as("the hook's answer, as Kamailio logged it: %s",
                kamailio.decisions()).hasValueSatisfying(d -> {
                    assertThat(d.type()).isEqualTo("Voice");
                    assertThat(d.from()).isEqualTo(STRANGER);
                    assertThat(d.to()).isEqualTo(proxy);
                    assertThat(d.action()).isEqualTo("Fallback");
                    assertThat(d.reason()).isEqualTo("NoActiveSession");
                    assertThat(d.proxySessionId()).isEmpty();
                    assertThat(d.forwardFrom()).isEqualTo(proxy);
                    assertThat(d.forwardTo()).isEqualTo(FALLBACK);
                });
        assertThat(interactions(ride)).extracting(i -> i.path("InteractionId").asText()).doesNotContain(interactionId);
    }

    @Test
    @Order(3)
    void aTextOnAVoiceOnlySessionIsRejectedWithTheReason() {
        String proxy = proxyNumber(ride);
        SipAgent rider = dial("rider-text", "text-rejected.xml",
                vars("sender", RIDER, "reason", "CapabilityNotAllowed"), proxy);

        completed("the rider " + RIDER + " texts the proxy number " + proxy + " (a Voice-only session)", rider);
        SipMessage rejected = rider.received("SIP/2.0 403").orElseThrow();
        String interactionId = rejected.header("X-Proxyline-Interaction-Id").orElseThrow();
        JsonNode reject = interaction(ride, interactionId);
        assertThat(reject.path("Action").asText()).isEqualTo("Reject");
        assertThat(reject.path("Type").asText()).isEqualTo("SMS");
        assertThat(reject.path("Reason").asText()).isEqualTo("CapabilityNotAllowed");
        assertThat(reject.has("ForwardTo")).isFalse();
    }

    @Test
    @Order(4)
    void aTextReachesTheOtherParticipantFromTheProxyNumber() {
        String proxy = proxyNumber(sale);
        SipAgent seller = answer("line-seller", "text-receiver.xml", SELLER, proxy);
        SipAgent buyer = dial("buyer", "text.xml", vars("sender", BUYER), proxy);

        completed("the buyer " + BUYER + " texts the proxy number " + proxy, buyer, seller);
        SipMessage message = seller.received("MESSAGE ").orElseThrow();
        assertThat(SipMessage.user(message.startLine())).isEqualTo(SELLER);
        assertThat(SipMessage.user(message.header("From").orElseThrow())).isEqualTo(proxy);
        assertThat(message.text()).contains("Running five minutes late.");
        assertThat(seller.messages()).noneMatch(m -> m.text().contains(BUYER.substring(1)));
        String interactionId = message.header("X-Proxyline-Interaction-Id").orElseThrow();

        assertThat(client.getProxySession(r -> r.voiceConnectorId(vc).proxySessionId(sale.proxySessionId()))
                .proxySession().status()).isEqualTo(ProxySessionStatus.IN_PROGRESS);
        JsonNode forward = interaction(sale, interactionId);
        assertThat(forward.path("Action").asText()).isEqualTo("Forward");
        assertThat(forward.path("Type").asText()).isEqualTo("SMS");
        assertThat(forward.path("ForwardTo").asText()).isEqualTo(SELLER);
    }

    /** An answering agent for the line of {@code number}, ready for its one call or text. */
    private static SipAgent answer(String name, String scenario, String number, String expectedCallerId) {
        int port = lines.get(number);
        SipAgent agent = deployment.register(SipAgent.start(deployment.workDir(), name, scenario, port,
                vars("own", number, "caller_id", expectedCallerId), null, null));
        return agent.awaitListening(port);
    }

    /** A calling agent on the carrier side: dials {@code dialled} through Kamailio. */
    private static SipAgent dial(String name, String scenario, Map<String, String> variables, String dialled) {
        return deployment.register(SipAgent.start(deployment.workDir(), name, scenario, SipAgent.freeUdpPort(),
                variables, dialled, kamailio.address()));
    }

    /**
     * Waits for every agent of a step to end, prints the step's SIP flow, then requires that each
     * one's scenario went through, with every check it makes (exit status 0).
     */
    private static void completed(String step, SipAgent... agents) {
        Map<SipAgent, Integer> exits = new LinkedHashMap<>();
        for (SipAgent agent : agents) {
            exits.put(agent, agent.awaitExit());
        }
        printFlow(step, agents);
        exits.forEach((agent, exit) -> assertThat(exit).as("%s's exit status (0: the scenario and its checks passed)"
                + "\n%s", agent, agent.report()).isZero());
    }

    private static String proxyNumber(ProxySession session) {
        return session.participants().get(0).proxyPhoneNumber();
    }

    /** The session's interactions, oldest first, as ListProxySessionInteractions answers (SigV4). */
    private static List<JsonNode> interactions(ProxySession session) {
        SignedHttp.Response response = http.get("/voice-connectors/" + vc + "/proxy-sessions/"
                + session.proxySessionId() + "/interactions");
        assertThat(response.status()).as("%s", response).isEqualTo(200);
        return StreamSupport.stream(response.json().path("Interactions").spliterator(), false).toList();
    }

    private static JsonNode interaction(ProxySession session, String interactionId) {
        List<JsonNode> all = interactions(session);
        return all.stream().filter(i -> i.path("InteractionId").asText().equals(interactionId)).findFirst()
                .orElseGet(() -> fail("interaction %s is not among the session's %s", interactionId, all));
    }

    private static void startStandalone(int port) {
        Path dir = deployment.workDir().resolve("standalone");
        dir.toFile().mkdirs();
        List<String> command = List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx384m", "-Xss512k",
                "-Ddisable-axoniq-console-message=true",
                "-jar", StandaloneKillDurabilityTest.standaloneJar().toString(),
                "--server.address=127.0.0.1",
                "--server.port=" + port,
                "--proxyline.data-dir=" + dir.resolve("data"),
                "--" + TestCredentials.ACCESS_KEY_PROPERTY,
                "--" + TestCredentials.SECRET_PROPERTY,
                "--" + TestCredentials.ACCOUNT_PROPERTY,
                "--proxyline.hook-credentials[0].key-id=" + HOOK_KEY_ID,
                "--proxyline.hook-credentials[0].secret=" + HOOK_SECRET,
                "--proxyline.hook-credentials[0].account-id=" + TestCredentials.ACCOUNT_ID);
        ManagedProcess process = deployment.register(ManagedProcess.start("standalone", command, Map.of(), dir,
                deployment.workDir().resolve("standalone.log")));
        Deployment.awaitHealthy(process, port);
    }

    /** The step as a person would follow it: the hook's answer, then each agent's messages in order. */
    private static void printFlow(String step, SipAgent... agents) {
        StringBuilder out = new StringBuilder("[sip] --- ").append(step).append(" ---\n");
        Arrays.stream(agents).flatMap(agent -> agent.messages().stream()).filter(m -> !m.sent())
                .flatMap(m -> m.header("X-Proxyline-Interaction-Id").stream()).findFirst()
                .flatMap(kamailio::decision).ifPresent(d -> out.append(String.format(
                "[sip] hook: %s %s -> %s: %s%s%s (interaction %s)%n", d.type(), d.from(), d.to(), d.action(),
                d.forwardTo().isEmpty() ? "" : ", caller id " + d.forwardFrom() + " to " + d.forwardTo(),
                d.reason().isEmpty() ? "" : ", reason " + d.reason(), d.interactionId())));
        for (SipAgent agent : agents) {
            for (SipMessage m : agent.messages()) {
                String from = m.startLine().startsWith("SIP/") ? "" : "   From: " + m.header("From").orElse("");
                out.append(String.format("[sip] %-14s %s %s%s%n", agent.name(), m.sent() ? "->" : "<-",
                        m.startLine(), from));
            }
        }
        System.out.print(out);
    }
}
