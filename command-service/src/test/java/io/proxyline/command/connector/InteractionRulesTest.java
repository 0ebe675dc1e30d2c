package io.proxyline.command.connector;

import static io.proxyline.command.connector.VoiceConnectorTest.ACCOUNT;
import static io.proxyline.command.connector.VoiceConnectorTest.CA;
import static io.proxyline.command.connector.VoiceConnectorTest.N206;
import static io.proxyline.command.connector.VoiceConnectorTest.N212;
import static io.proxyline.command.connector.VoiceConnectorTest.P1;
import static io.proxyline.command.connector.VoiceConnectorTest.P2;
import static io.proxyline.command.connector.VoiceConnectorTest.P3;
import static io.proxyline.command.connector.VoiceConnectorTest.T0;
import static io.proxyline.command.connector.VoiceConnectorTest.VC;
import static io.proxyline.command.connector.VoiceConnectorTest.config;
import static io.proxyline.command.connector.VoiceConnectorTest.created;
import static io.proxyline.command.connector.VoiceConnectorTest.numbers;
import static io.proxyline.command.connector.VoiceConnectorTest.rejected;
import static io.proxyline.command.connector.VoiceConnectorTest.sessionCreated;

import io.proxyline.api.connector.ProxyConfigDeletedEvent;
import io.proxyline.api.connector.ProxyConfigPutEvent;
import io.proxyline.api.interaction.InteractionAction;
import io.proxyline.api.interaction.InteractionReason;
import io.proxyline.api.interaction.InteractionRecordedEvent;
import io.proxyline.api.interaction.RecordInteractionCommand;
import io.proxyline.api.session.Capability;
import io.proxyline.api.session.CloseReason;
import io.proxyline.api.session.ProxySessionClosedEvent;
import io.proxyline.api.session.ProxySessionDeletedEvent;
import io.proxyline.api.session.ProxySessionInProgressEvent;
import io.proxyline.api.session.ProxySessionUpdatedEvent;
import io.proxyline.api.wire.AwsErrorCode;
import io.proxyline.command.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The routing hook's rules: one rule per test, decided by the connector aggregate. */
class InteractionRulesTest {
    static final String FALLBACK = "+12065550999";
    static final String STRANGER = "+12065550177";
    static final String S1 = "s1";

    AggregateTestFixture<VoiceConnector> fixture;
    MutableClock clock;
    EndedSessionsFake ended;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(VoiceConnector.class);
        clock = new MutableClock(T0.plusSeconds(10));
        fixture.registerInjectableResource(clock);
        ended = new EndedSessionsFake();
        fixture.registerInjectableResource(ended);
        fixture.registerInjectableResource(new StickyMemory(StickyMemory.DEFAULT_WINDOW));
    }

    static ProxyConfigPutEvent configWithFallback() {
        return new ProxyConfigPutEvent(VC, 60, List.of("US"), FALLBACK, false, T0);
    }

    /** Connector with N206 and N212 in a US pool and session s1 (P1, P2 on N206, Voice only, 60 minutes). */
    Object[] activeSession(ProxyConfigPutEvent config) {
        return new Object[] {created(), numbers(N206, N212), config, sessionCreated(S1, 0, P1, P2, N206, 60)};
    }

    static RecordInteractionCommand call(String id, String from, String to) {
        return new RecordInteractionCommand(VC, ACCOUNT, id, Capability.VOICE, from, to);
    }

    InteractionRecordedEvent recorded(String id, Capability type, String from, String to, String session,
                                      InteractionAction action, String forwardFrom, String forwardTo,
                                      InteractionReason reason) {
        return new InteractionRecordedEvent(VC, ACCOUNT, id, session, type, from, to, action, forwardFrom, forwardTo,
                reason, clock.instant());
    }

    @Test
    void aParticipantsCallToItsProxyNumberIsForwardedToTheOtherParticipantWithTheProxyNumberAsCallerId() {
        fixture.given(activeSession(configWithFallback()))
                .when(call("i1", P1, N206))
                .expectEvents(recorded("i1", Capability.VOICE, P1, N206, S1, InteractionAction.FORWARD, N206, P2, null),
                        new ProxySessionInProgressEvent(VC, S1, "i1", clock.instant()));
    }

    @Test
    void theOtherParticipantReachesTheFirstTheSameWay() {
        fixture.given(activeSession(config("US")))
                .when(call("i1", P2, N206))
                .expectEvents(recorded("i1", Capability.VOICE, P2, N206, S1, InteractionAction.FORWARD, N206, P1, null),
                        new ProxySessionInProgressEvent(VC, S1, "i1", clock.instant()));
    }

    @Test
    void onlyTheFirstForwardMovesTheSessionToInProgress() {
        fixture.given(activeSession(config("US")))
                .andGiven(new ProxySessionInProgressEvent(VC, S1, "i0", T0.plusSeconds(5)))
                .when(call("i1", P2, N206))
                .expectEvents(recorded("i1", Capability.VOICE, P2, N206, S1, InteractionAction.FORWARD, N206, P1, null));
    }

    @Test
    void aTypeTheSessionDoesNotCarryIsRejectedWithoutChangingItsStatus() {
        fixture.given(activeSession(configWithFallback()))
                .when(new RecordInteractionCommand(VC, ACCOUNT, "i1", Capability.SMS, P1, N206))
                .expectEvents(recorded("i1", Capability.SMS, P1, N206, S1, InteractionAction.REJECT, null, null,
                        InteractionReason.CAPABILITY_NOT_ALLOWED));
    }

    @Test
    void aCapabilityAddedByAnUpdateIsAllowed() {
        fixture.given(activeSession(config("US")))
                .andGiven(new ProxySessionUpdatedEvent(VC, S1, Set.of(Capability.VOICE, Capability.SMS), 60,
                        T0.plusSeconds(1)))
                .when(new RecordInteractionCommand(VC, ACCOUNT, "i1", Capability.SMS, P1, N206))
                .expectEvents(recorded("i1", Capability.SMS, P1, N206, S1, InteractionAction.FORWARD, N206, P2, null),
                        new ProxySessionInProgressEvent(VC, S1, "i1", clock.instant()));
    }

    @Test
    void noMatchingSessionFallsBackToTheFallbackNumberWhenOneIsConfigured() {
        fixture.given(activeSession(configWithFallback()))
                .when(call("i1", STRANGER, N206))
                .expectEvents(recorded("i1", Capability.VOICE, STRANGER, N206, null, InteractionAction.FALLBACK, N206,
                        FALLBACK, InteractionReason.NO_ACTIVE_SESSION));
    }

    @Test
    void noMatchingSessionAndNoFallbackNumberIsARejection() {
        fixture.given(activeSession(config("US")))
                .when(call("i1", STRANGER, N206))
                .expectEvents(recorded("i1", Capability.VOICE, STRANGER, N206, null, InteractionAction.REJECT, null, null,
                        InteractionReason.NO_ACTIVE_SESSION));
    }

    @Test
    void aParticipantCallingAnotherProxyNumberOfThePoolDoesNotMatchItsSession() {
        fixture.given(activeSession(configWithFallback()))
                .when(call("i1", P1, N212))
                .expectEvents(recorded("i1", Capability.VOICE, P1, N212, null, InteractionAction.FALLBACK, N212,
                        FALLBACK, InteractionReason.NO_ACTIVE_SESSION));
    }

    @Test
    void anExpiredSessionNeverMatchesEvenBeforeItsClosingIsRecorded() {
        clock.set(T0.plus(Duration.ofMinutes(60)));
        fixture.given(activeSession(configWithFallback()))
                .when(call("i1", P1, N206))
                .expectEvents(recorded("i1", Capability.VOICE, P1, N206, null, InteractionAction.FALLBACK, N206,
                        FALLBACK, InteractionReason.NO_ACTIVE_SESSION));
    }

    @Test
    void aSessionStillMatchesInItsLastInstant() {
        clock.set(T0.plus(Duration.ofMinutes(60)).minusMillis(1));
        fixture.given(activeSession(configWithFallback()))
                .when(call("i1", P1, N206))
                .expectEvents(recorded("i1", Capability.VOICE, P1, N206, S1, InteractionAction.FORWARD, N206, P2, null),
                        new ProxySessionInProgressEvent(VC, S1, "i1", clock.instant()));
    }

    @Test
    void anExpiryShortenedByAnUpdateEndsMatchingAtTheNewInstant() {
        clock.set(T0.plus(Duration.ofMinutes(5)));
        fixture.given(activeSession(configWithFallback()))
                .andGiven(new ProxySessionUpdatedEvent(VC, S1, Set.of(Capability.VOICE), 5, T0.plusSeconds(1)))
                .when(call("i1", P1, N206))
                .expectEvents(recorded("i1", Capability.VOICE, P1, N206, null, InteractionAction.FALLBACK, N206,
                        FALLBACK, InteractionReason.NO_ACTIVE_SESSION));
    }

    @Test
    void aClosedSessionNeverMatches() {
        fixture.given(activeSession(configWithFallback()))
                .andGiven(new ProxySessionClosedEvent(VC, S1, CloseReason.PROXY_NUMBER_DISASSOCIATED, T0.plusSeconds(2)))
                .when(call("i1", P1, N206))
                .expectEvents(recorded("i1", Capability.VOICE, P1, N206, null, InteractionAction.FALLBACK, N206,
                        FALLBACK, InteractionReason.NO_ACTIVE_SESSION));
    }

    @Test
    void aDeletedSessionNeverMatches() {
        fixture.given(activeSession(config("US")))
                .andGiven(new ProxySessionDeletedEvent(VC, S1, T0.plusSeconds(2)))
                .when(call("i1", P1, N206))
                .expectEvents(recorded("i1", Capability.VOICE, P1, N206, null, InteractionAction.REJECT, null, null,
                        InteractionReason.NO_ACTIVE_SESSION));
    }

    @Test
    void aNewerSessionOnTheSameNumberIsTheOneMatched() {
        fixture.given(activeSession(config("US")))
                .andGiven(new ProxySessionClosedEvent(VC, S1, CloseReason.EXPIRED, T0.plusSeconds(2)),
                        sessionCreated("s2", 1, P1, P3, N206, 60))
                .when(call("i1", P1, N206))
                .expectEvents(recorded("i1", Capability.VOICE, P1, N206, "s2", InteractionAction.FORWARD, N206, P3, null),
                        new ProxySessionInProgressEvent(VC, "s2", "i1", clock.instant()));
    }

    @Test
    void aDisabledConfigurationRejectsEverythingEvenAMatchingSession() {
        fixture.given(activeSession(configWithFallback()))
                .andGiven(new ProxyConfigPutEvent(VC, 60, List.of("US"), FALLBACK, true, T0.plusSeconds(1)))
                .when(call("i1", P1, N206))
                .expectEvents(recorded("i1", Capability.VOICE, P1, N206, null, InteractionAction.REJECT, null, null,
                        InteractionReason.PROXY_DISABLED));
    }

    @Test
    void aDeletedConfigurationRejectsEverything() {
        fixture.given(activeSession(configWithFallback()))
                .andGiven(new ProxyConfigDeletedEvent(VC, T0.plusSeconds(1)),
                        new ProxySessionClosedEvent(VC, S1, CloseReason.PROXY_CONFIG_DELETED, T0.plusSeconds(1)))
                .when(call("i1", STRANGER, N206))
                .expectEvents(recorded("i1", Capability.VOICE, STRANGER, N206, null, InteractionAction.REJECT, null,
                        null, InteractionReason.NO_PROXY_CONFIGURATION));
    }

    @Test
    void aNumberNotAssociatedWithTheConnectorIsNotAProxyNumber() {
        fixture.given(activeSession(configWithFallback()))
                .when(call("i1", P1, "+12065550888"))
                .expectEvents(recorded("i1", Capability.VOICE, P1, "+12065550888", null, InteractionAction.REJECT,
                        null, null, InteractionReason.NOT_A_PROXY_NUMBER));
    }

    @Test
    void anAssociatedNumberOutsideThePoolCountriesIsNotAProxyNumber() {
        fixture.given(created(), numbers(N206, CA), configWithFallback())
                .when(call("i1", P1, CA))
                .expectEvents(recorded("i1", Capability.VOICE, P1, CA, null, InteractionAction.REJECT, null, null,
                        InteractionReason.NOT_A_PROXY_NUMBER));
    }

    @Test
    void aCallerNumberThatIsNotE164IsABadRequestAndRecordsNothing() {
        fixture.given(activeSession(configWithFallback()))
                .when(call("i1", "12065550101", N206))
                .expectNoEvents()
                .expectException(rejected(AwsErrorCode.BAD_REQUEST));
    }

    @Test
    void aDialledNumberThatIsNotE164IsABadRequestAndRecordsNothing() {
        fixture.given(activeSession(configWithFallback()))
                .when(call("i1", P1, "+1206555"))
                .expectNoEvents()
                .expectException(rejected(AwsErrorCode.BAD_REQUEST));
    }

    @Test
    void anotherAccountsConnectorIsNotFoundAndRecordsNothing() {
        fixture.given(activeSession(configWithFallback()))
                .when(new RecordInteractionCommand(VC, "222222222222", "i1", Capability.VOICE, P1, N206))
                .expectNoEvents()
                .expectException(rejected(AwsErrorCode.NOT_FOUND));
    }

    @Test
    void anInProgressSessionIsStillActiveForTheRoutingInvariant() {
        fixture.given(activeSession(config("US")))
                .andGiven(new ProxySessionInProgressEvent(VC, S1, "i0", T0.plusSeconds(5)))
                .when(VoiceConnectorTest.create("s2", P1, P3))
                .expectEvents(new io.proxyline.api.session.ProxySessionCreatedEvent(VC, ACCOUNT, "s2", 1,
                        List.of(P1, P3), N212, Set.of(Capability.VOICE), 60, null,
                        io.proxyline.api.session.NumberSelectionBehavior.PREFER_STICKY, null, null, clock.instant()));
    }

}
