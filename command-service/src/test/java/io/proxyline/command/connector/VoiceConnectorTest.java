package io.proxyline.command.connector;


import io.proxyline.api.connector.AddNumbersCommand;
import io.proxyline.api.connector.CreateVoiceConnectorCommand;
import io.proxyline.api.connector.DeleteProxyConfigCommand;
import io.proxyline.api.connector.DeleteVoiceConnectorCommand;
import io.proxyline.api.connector.NumbersAddedEvent;
import io.proxyline.api.connector.NumbersRemovedEvent;
import io.proxyline.api.connector.ProxyConfigDeletedEvent;
import io.proxyline.api.connector.ProxyConfigPutEvent;
import io.proxyline.api.connector.PutProxyConfigCommand;
import io.proxyline.api.connector.RemoveNumbersCommand;
import io.proxyline.api.connector.VoiceConnectorCreatedEvent;
import io.proxyline.api.connector.VoiceConnectorDeletedEvent;
import io.proxyline.api.session.Capability;
import io.proxyline.api.session.CloseExpiredSessionsCommand;
import io.proxyline.api.session.CloseReason;
import io.proxyline.api.session.CreateProxySessionCommand;
import io.proxyline.api.session.DeleteProxySessionCommand;
import io.proxyline.api.session.GeoMatchLevel;
import io.proxyline.api.session.GeoMatchParams;
import io.proxyline.api.session.NumberSelectionBehavior;
import io.proxyline.api.session.ProxySessionClosedEvent;
import io.proxyline.api.session.ProxySessionCreatedEvent;
import io.proxyline.api.session.ProxySessionDeletedEvent;
import io.proxyline.api.session.ProxySessionUpdatedEvent;
import io.proxyline.api.session.ProxySessionView;
import io.proxyline.api.session.SessionStatus;
import io.proxyline.api.session.UpdateCapabilitiesCommand;
import io.proxyline.api.wire.AwsErrorCode;
import io.proxyline.command.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.matchers.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class VoiceConnectorTest {
    static final String VC = "vc1";
    static final String ACCOUNT = "111111111111";
    static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");
    // Seattle (206) and New York (212) numbers, a Canadian (Toronto 416) one, a UK one.
    static final String P1 = "+12065550101", P2 = "+12125550102", P3 = "+12065550103", P4 = "+12125550104";
    static final String N206 = "+12065550900", N212 = "+12125550900", N206B = "+12065550901";
    static final String CA = "+14165550900", UK = "+442079460900";

    AggregateTestFixture<VoiceConnector> fixture;
    MutableClock clock;
    EndedSessionsFake ended;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(VoiceConnector.class);
        clock = new MutableClock(T0);
        fixture.registerInjectableResource(clock);
        ended = new EndedSessionsFake();
        fixture.registerInjectableResource(ended);
        fixture.registerInjectableResource(new StickyMemory(StickyMemory.DEFAULT_WINDOW));
    }

    static VoiceConnectorCreatedEvent created() {
        return new VoiceConnectorCreatedEvent(VC, ACCOUNT, "vc", "us-east-1", false, null, null, T0);
    }

    static NumbersAddedEvent numbers(String... n) {
        return new NumbersAddedEvent(VC, List.of(n), T0);
    }

    static ProxyConfigPutEvent config(String... countries) {
        return new ProxyConfigPutEvent(VC, 60, List.of(countries), null, false, T0);
    }

    static CreateProxySessionCommand create(String id, String a, String b) {
        return new CreateProxySessionCommand(VC, ACCOUNT, id, List.of(a, b), Set.of(Capability.VOICE), null, null,
                null, null, null);
    }

    static ProxySessionCreatedEvent sessionCreated(String id, long ordinal, String a, String b, String proxy, int expiry) {
        return new ProxySessionCreatedEvent(VC, ACCOUNT, id, ordinal, List.of(a, b), proxy, Set.of(Capability.VOICE),
                expiry, null, NumberSelectionBehavior.PREFER_STICKY, null, null, T0);
    }

    static org.hamcrest.Matcher<Object> rejected(AwsErrorCode code) {
        return io.proxyline.command.Rejections.rejected(code);
    }

    // --- connector lifecycle ---

    @Test
    void createsConnector() {
        fixture.givenNoPriorActivity()
                .when(new CreateVoiceConnectorCommand(VC, ACCOUNT, "vc", "us-east-1", false, null, null))
                .expectEvents(created());
    }

    @Test
    void connectorWithNumbersCannotBeDeleted() {
        fixture.given(created(), numbers(N206))
                .when(new DeleteVoiceConnectorCommand(VC, ACCOUNT))
                .expectNoEvents()
                .expectException(rejected(AwsErrorCode.CONFLICT));
    }

    @Test
    void emptyConnectorIsDeleted() {
        fixture.given(created(), numbers(N206), new NumbersRemovedEvent(VC, List.of(N206), T0))
                .when(new DeleteVoiceConnectorCommand(VC, ACCOUNT))
                .expectEvents(new VoiceConnectorDeletedEvent(VC, ACCOUNT, T0))
                .expectMarkedDeleted();
    }

    @Test
    void anotherAccountSeesNoConnector() {
        fixture.given(created())
                .when(new AddNumbersCommand(VC, "222222222222", List.of(N206)))
                .expectNoEvents()
                .expectException(rejected(AwsErrorCode.NOT_FOUND));
    }

    @Test
    void addingAnAssociatedNumberAgainRecordsNothing() {
        fixture.given(created(), numbers(N206))
                .when(new AddNumbersCommand(VC, ACCOUNT, List.of(N206)))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    // --- proxy configuration ---

    @Test
    void putsProxyConfig() {
        fixture.given(created())
                .when(new PutProxyConfigCommand(VC, ACCOUNT, 30, List.of("US", "CA"), "+12065550199", false))
                .expectEvents(new ProxyConfigPutEvent(VC, 30, List.of("US", "CA"), "+12065550199", false, T0));
    }

    @Test
    void defaultExpiryMustBePositive() {
        fixture.given(created())
                .when(new PutProxyConfigCommand(VC, ACCOUNT, 0, List.of("US"), null, false))
                .expectNoEvents().expectException(rejected(AwsErrorCode.BAD_REQUEST));
    }

    @Test
    void poolCountriesMustBeKnownIsoCodes() {
        fixture.given(created())
                .when(new PutProxyConfigCommand(VC, ACCOUNT, 30, List.of("XX"), null, false))
                .expectNoEvents().expectException(rejected(AwsErrorCode.BAD_REQUEST));
    }

    @Test
    void poolCountriesMustNotBeEmpty() {
        fixture.given(created())
                .when(new PutProxyConfigCommand(VC, ACCOUNT, 30, List.of(), null, false))
                .expectNoEvents().expectException(rejected(AwsErrorCode.BAD_REQUEST));
    }

    @Test
    void fallbackMustBeE164() {
        fixture.given(created())
                .when(new PutProxyConfigCommand(VC, ACCOUNT, 30, List.of("US"), "12065550199", false))
                .expectNoEvents().expectException(rejected(AwsErrorCode.BAD_REQUEST));
    }

    @Test
    void deletingMissingConfigIsNotFound() {
        fixture.given(created())
                .when(new DeleteProxyConfigCommand(VC, ACCOUNT))
                .expectNoEvents().expectException(rejected(AwsErrorCode.NOT_FOUND));
    }

    @Test
    void deletingConfigClosesActiveSessions() {
        clock.advance(Duration.ofMinutes(1));
        Instant now = clock.instant();
        fixture.given(created(), numbers(N206), config("US"), sessionCreated("s1", 0, P1, P2, N206, 60))
                .when(new DeleteProxyConfigCommand(VC, ACCOUNT))
                .expectEvents(new ProxyConfigDeletedEvent(VC, now),
                        new ProxySessionClosedEvent(VC, "s1", CloseReason.PROXY_CONFIG_DELETED, now));
    }

    // --- session creation rules ---

    @Test
    void noConfigRejectsCreate() {
        fixture.given(created(), numbers(N206))
                .when(create("s1", P1, P2))
                .expectNoEvents().expectException(rejected(AwsErrorCode.BAD_REQUEST));
    }

    @Test
    void disabledConfigRejectsCreate() {
        fixture.given(created(), numbers(N206), new ProxyConfigPutEvent(VC, 60, List.of("US"), null, true, T0))
                .when(create("s1", P1, P2))
                .expectNoEvents().expectException(rejected(AwsErrorCode.BAD_REQUEST));
    }

    @Test
    void participantsMustBeTwoDistinctNumbers() {
        fixture.given(created(), numbers(N206), config("US"))
                .when(create("s1", P1, P1))
                .expectNoEvents().expectException(rejected(AwsErrorCode.BAD_REQUEST));
    }

    @Test
    void participantsMustBeValidE164() {
        fixture.given(created(), numbers(N206), config("US"))
                .when(create("s1", P1, "+1000"))
                .expectNoEvents().expectException(rejected(AwsErrorCode.BAD_REQUEST));
    }

    @Test
    void participantsMustBeCanonicalE164() {
        fixture.given(created(), numbers(N206), config("US"))
                .when(create("s1", P1, "+1 206 555 0102"))
                .expectNoEvents().expectException(rejected(AwsErrorCode.BAD_REQUEST));
    }

    @Test
    void threeParticipantsAreRejected() {
        fixture.given(created(), numbers(N206), config("US"))
                .when(new CreateProxySessionCommand(VC, ACCOUNT, "s1", List.of(P1, P2, P3), Set.of(Capability.VOICE),
                        null, null, null, null, null))
                .expectNoEvents().expectException(rejected(AwsErrorCode.BAD_REQUEST));
    }

    @Test
    void capabilitiesMustNotBeEmpty() {
        fixture.given(created(), numbers(N206), config("US"))
                .when(new CreateProxySessionCommand(VC, ACCOUNT, "s1", List.of(P1, P2), Set.of(), null, null, null,
                        null, null))
                .expectNoEvents().expectException(rejected(AwsErrorCode.BAD_REQUEST));
    }

    @Test
    void expiryMustBePositive() {
        fixture.given(created(), numbers(N206), config("US"))
                .when(new CreateProxySessionCommand(VC, ACCOUNT, "s1", List.of(P1, P2), Set.of(Capability.SMS), 0,
                        null, null, null, null))
                .expectNoEvents().expectException(rejected(AwsErrorCode.BAD_REQUEST));
    }

    @Test
    void nameMustMatchPattern() {
        fixture.given(created(), numbers(N206), config("US"))
                .when(new CreateProxySessionCommand(VC, ACCOUNT, "s1", List.of(P1, P2), Set.of(Capability.SMS), null,
                        "no-dashes!", null, null, null))
                .expectNoEvents().expectException(rejected(AwsErrorCode.BAD_REQUEST));
    }

    @Test
    void expiryDefaultsToTheConfiguration() {
        fixture.given(created(), numbers(N206), config("US"))
                .when(create("s1", P1, P2))
                .expectEvents(sessionCreated("s1", 0, P1, P2, N206, 60));
    }

    @Test
    void createReturnsTheOpenSession() {
        fixture.given(created(), numbers(N206), config("US"))
                .when(create("s1", P1, P2))
                .expectResultMessagePayloadMatching(new org.hamcrest.TypeSafeMatcher<Object>() {
                    @Override
                    protected boolean matchesSafely(Object item) {
                        return item instanceof ProxySessionView v && v.status() == SessionStatus.OPEN
                                && v.proxyPhoneNumber().equals(N206) && v.expiryMinutes() == 60;
                    }

                    @Override
                    public void describeTo(org.hamcrest.Description d) {
                        d.appendText("an open session view");
                    }
                });
    }

    @Test
    void poolIsOnlyNumbersOfConfiguredCountries() {
        fixture.given(created(), numbers(UK), config("US"))
                .when(create("s1", P1, P2))
                .expectNoEvents().expectException(rejected(AwsErrorCode.BAD_REQUEST));
    }

    // --- routing invariant ---

    @Test
    void participantNeverHoldsTheSameNumberTwice() {
        fixture.given(created(), numbers(N206), config("US"), sessionCreated("s1", 0, P1, P2, N206, 60))
                .when(create("s2", P1, P3))
                .expectNoEvents().expectException(rejected(AwsErrorCode.BAD_REQUEST));
    }

    @Test
    void secondParticipantIsCheckedToo() {
        fixture.given(created(), numbers(N206), config("US"), sessionCreated("s1", 0, P1, P2, N206, 60))
                .when(create("s2", P3, P2))
                .expectNoEvents().expectException(rejected(AwsErrorCode.BAD_REQUEST));
    }

    @Test
    void otherParticipantsMayShareTheNumber() {
        fixture.given(created(), numbers(N206), config("US"), sessionCreated("s1", 0, P1, P2, N206, 60))
                .when(create("s2", P3, P4))
                .expectEvents(sessionCreated("s2", 1, P3, P4, N206, 60));
    }

    @Test
    void participantGetsAnotherFreeNumber() {
        fixture.given(created(), numbers(N206, N212), config("US"), sessionCreated("s1", 0, P1, P2, N206, 60))
                .when(create("s2", P1, P3))
                .expectEvents(sessionCreated("s2", 1, P1, P3, N212, 60));
    }

    @Test
    void expiredSessionFreesItsNumberAtTheExpiryInstantWithoutAnyEvent() {
        clock.set(T0.plus(Duration.ofMinutes(60)));
        fixture.given(created(), numbers(N206), config("US"), sessionCreated("s1", 0, P1, P2, N206, 60))
                .when(create("s2", P1, P3))
                .expectEvents(new ProxySessionCreatedEvent(VC, ACCOUNT, "s2", 1, List.of(P1, P3), N206,
                        Set.of(Capability.VOICE), 60, null, NumberSelectionBehavior.PREFER_STICKY, null, null,
                        clock.instant()));
    }

    @Test
    void sessionStillHoldsItsNumberJustBeforeExpiry() {
        clock.set(T0.plus(Duration.ofMinutes(60)).minusMillis(1));
        fixture.given(created(), numbers(N206), config("US"), sessionCreated("s1", 0, P1, P2, N206, 60))
                .when(create("s2", P1, P3))
                .expectNoEvents().expectException(rejected(AwsErrorCode.BAD_REQUEST));
    }

    @Test
    void deletedSessionFreesItsNumber() {
        fixture.given(created(), numbers(N206), config("US"), sessionCreated("s1", 0, P1, P2, N206, 60),
                        new ProxySessionDeletedEvent(VC, "s1", T0))
                .when(create("s2", P1, P3))
                .expectEvents(sessionCreated("s2", 1, P1, P3, N206, 60));
    }

    @Test
    void closedSessionFreesItsNumber() {
        fixture.given(created(), numbers(N206), config("US"), sessionCreated("s1", 0, P1, P2, N206, 60),
                        new ProxySessionClosedEvent(VC, "s1", CloseReason.PROXY_CONFIG_DELETED, T0), config("US"))
                .when(create("s2", P1, P3))
                .expectEvents(sessionCreated("s2", 1, P1, P3, N206, 60));
    }

    // --- selection ---

    @Test
    void leastUsedFreeNumberIsPreferred() {
        fixture.given(created(), numbers(N206, N212), config("US"), sessionCreated("s1", 0, P1, P2, N206, 60))
                .when(create("s2", P3, P4))
                .expectEvents(sessionCreated("s2", 1, P3, P4, N212, 60));
    }

    @Test
    void preferStickyReusesTheNumberThePairHadBefore() {
        fixture.given(created(), numbers(N206, N212), config("US"), sessionCreated("s1", 0, P1, P2, N212, 60),
                        new ProxySessionDeletedEvent(VC, "s1", T0), sessionCreated("s9", 1, P3, P4, N212, 60))
                .when(create("s2", P2, P1))
                .expectEvents(sessionCreated("s2", 2, P2, P1, N212, 60));
    }

    @Test
    void avoidStickyPicksAnotherNumberWhenThePoolAllows() {
        fixture.given(created(), numbers(N206, N212), config("US"), sessionCreated("s1", 0, P1, P2, N206, 60),
                        new ProxySessionDeletedEvent(VC, "s1", T0))
                .when(new CreateProxySessionCommand(VC, ACCOUNT, "s2", List.of(P1, P2), Set.of(Capability.VOICE),
                        null, null, NumberSelectionBehavior.AVOID_STICKY, null, null))
                .expectEvents(new ProxySessionCreatedEvent(VC, ACCOUNT, "s2", 1, List.of(P1, P2), N212,
                        Set.of(Capability.VOICE), 60, null, NumberSelectionBehavior.AVOID_STICKY, null, null, T0));
    }

    @Test
    void avoidStickyStillUsesTheOnlyFreeNumber() {
        fixture.given(created(), numbers(N206), config("US"), sessionCreated("s1", 0, P1, P2, N206, 60),
                        new ProxySessionDeletedEvent(VC, "s1", T0))
                .when(new CreateProxySessionCommand(VC, ACCOUNT, "s2", List.of(P1, P2), Set.of(Capability.VOICE),
                        null, null, NumberSelectionBehavior.AVOID_STICKY, null, null))
                .expectEvents(new ProxySessionCreatedEvent(VC, ACCOUNT, "s2", 1, List.of(P1, P2), N206,
                        Set.of(Capability.VOICE), 60, null, NumberSelectionBehavior.AVOID_STICKY, null, null, T0));
    }

    @Test
    void countryGeoMatchIsAStrictFilterOnTheFirstParticipant() {
        fixture.given(created(), numbers(CA), config("US", "CA"))
                .when(new CreateProxySessionCommand(VC, ACCOUNT, "s1", List.of(P1, P2), Set.of(Capability.VOICE),
                        null, null, null, GeoMatchLevel.COUNTRY, null))
                .expectNoEvents().expectException(rejected(AwsErrorCode.BAD_REQUEST));
    }

    @Test
    void areaCodeGeoMatchPicksANumberInTheFirstParticipantsAreaCode() {
        fixture.given(created(), numbers(N212, N206), config("US"))
                .when(new CreateProxySessionCommand(VC, ACCOUNT, "s1", List.of(P1, P2), Set.of(Capability.VOICE),
                        null, null, null, GeoMatchLevel.AREA_CODE, null))
                .expectEvents(new ProxySessionCreatedEvent(VC, ACCOUNT, "s1", 0, List.of(P1, P2), N206,
                        Set.of(Capability.VOICE), 60, null, NumberSelectionBehavior.PREFER_STICKY,
                        GeoMatchLevel.AREA_CODE, null, T0));
    }

    @Test
    void areaCodeGeoMatchRefusesWhenNoNumberInTheAreaIsFree() {
        fixture.given(created(), numbers(N212), config("US"))
                .when(new CreateProxySessionCommand(VC, ACCOUNT, "s1", List.of(P1, P2), Set.of(Capability.VOICE),
                        null, null, null, GeoMatchLevel.AREA_CODE, null))
                .expectNoEvents().expectException(rejected(AwsErrorCode.BAD_REQUEST));
    }

    @Test
    void geoMatchParamsOverrideTheFirstParticipant() {
        GeoMatchParams ny = new GeoMatchParams("US", "212");
        fixture.given(created(), numbers(N206, N212), config("US"))
                .when(new CreateProxySessionCommand(VC, ACCOUNT, "s1", List.of(P1, P2), Set.of(Capability.VOICE),
                        null, null, null, GeoMatchLevel.AREA_CODE, ny))
                .expectEvents(new ProxySessionCreatedEvent(VC, ACCOUNT, "s1", 0, List.of(P1, P2), N212,
                        Set.of(Capability.VOICE), 60, null, NumberSelectionBehavior.PREFER_STICKY,
                        GeoMatchLevel.AREA_CODE, ny, T0));
    }

    @Test
    void geoMatchParamsCountryMustBeValid() {
        fixture.given(created(), numbers(N206), config("US"))
                .when(new CreateProxySessionCommand(VC, ACCOUNT, "s1", List.of(P1, P2), Set.of(Capability.VOICE),
                        null, null, null, GeoMatchLevel.COUNTRY, new GeoMatchParams("ZZ", "")))
                .expectNoEvents().expectException(rejected(AwsErrorCode.BAD_REQUEST));
    }

    // --- update / delete / expiry ---

    @Test
    void updateChangesCapabilitiesAndExpiry() {
        clock.advance(Duration.ofMinutes(5));
        fixture.given(created(), numbers(N206), config("US"), sessionCreated("s1", 0, P1, P2, N206, 60))
                .when(new UpdateCapabilitiesCommand(VC, ACCOUNT, "s1", Set.of(Capability.SMS), 120))
                .expectEvents(new ProxySessionUpdatedEvent(VC, "s1", Set.of(Capability.SMS), 120, clock.instant()));
    }

    @Test
    void updateWithoutExpiryKeepsIt() {
        fixture.given(created(), numbers(N206), config("US"), sessionCreated("s1", 0, P1, P2, N206, 60))
                .when(new UpdateCapabilitiesCommand(VC, ACCOUNT, "s1", Set.of(Capability.SMS), null))
                .expectEvents(new ProxySessionUpdatedEvent(VC, "s1", Set.of(Capability.SMS), 60, T0));
    }

    @Test
    void closedSessionCannotBeUpdated() {
        ended.add(VC, "s1");
        fixture.given(created(), numbers(N206), config("US"), sessionCreated("s1", 0, P1, P2, N206, 60),
                        new ProxySessionClosedEvent(VC, "s1", CloseReason.PROXY_CONFIG_DELETED, T0))
                .when(new UpdateCapabilitiesCommand(VC, ACCOUNT, "s1", Set.of(Capability.SMS), null))
                .expectNoEvents().expectException(rejected(AwsErrorCode.BAD_REQUEST));
    }

    @Test
    void expiredSessionCannotBeUpdatedEvenBeforeItsClosingIsRecorded() {
        clock.set(T0.plus(Duration.ofMinutes(60)));
        fixture.given(created(), numbers(N206), config("US"), sessionCreated("s1", 0, P1, P2, N206, 60))
                .when(new UpdateCapabilitiesCommand(VC, ACCOUNT, "s1", Set.of(Capability.SMS), 600))
                .expectNoEvents().expectException(rejected(AwsErrorCode.BAD_REQUEST));
    }

    @Test
    void updateCannotMoveExpiryIntoThePast() {
        clock.set(T0.plus(Duration.ofMinutes(30)));
        fixture.given(created(), numbers(N206), config("US"), sessionCreated("s1", 0, P1, P2, N206, 60))
                .when(new UpdateCapabilitiesCommand(VC, ACCOUNT, "s1", Set.of(Capability.SMS), 30))
                .expectNoEvents().expectException(rejected(AwsErrorCode.BAD_REQUEST));
    }

    @Test
    void updateOfUnknownSessionIsNotFound() {
        fixture.given(created(), numbers(N206), config("US"))
                .when(new UpdateCapabilitiesCommand(VC, ACCOUNT, "nope", Set.of(Capability.SMS), null))
                .expectNoEvents().expectException(rejected(AwsErrorCode.NOT_FOUND));
    }

    @Test
    void deletedSessionIsNotFoundAfterwards() {
        fixture.given(created(), numbers(N206), config("US"), sessionCreated("s1", 0, P1, P2, N206, 60),
                        new ProxySessionDeletedEvent(VC, "s1", T0))
                .when(new DeleteProxySessionCommand(VC, ACCOUNT, "s1"))
                .expectNoEvents().expectException(rejected(AwsErrorCode.NOT_FOUND));
    }

    @Test
    void closedSessionCanBeDeleted() {
        ended.add(VC, "s1");
        fixture.given(created(), numbers(N206), config("US"), sessionCreated("s1", 0, P1, P2, N206, 60),
                        new ProxySessionClosedEvent(VC, "s1", CloseReason.EXPIRED, T0.plusSeconds(3600)))
                .when(new DeleteProxySessionCommand(VC, ACCOUNT, "s1"))
                .expectEvents(new ProxySessionDeletedEvent(VC, "s1", T0));
    }

    @Test
    void expiryIsRecordedAtTheExpiryInstant() {
        clock.set(T0.plus(Duration.ofMinutes(90)));
        fixture.given(created(), numbers(N206), config("US"), sessionCreated("s1", 0, P1, P2, N206, 60),
                        sessionCreated("s2", 1, P3, P4, N206, 120))
                .when(new CloseExpiredSessionsCommand(VC))
                .expectEvents(new ProxySessionClosedEvent(VC, "s1", CloseReason.EXPIRED, T0.plusSeconds(3600)));
    }

    @Test
    void expiryIsRecordedOnlyOnce() {
        clock.set(T0.plus(Duration.ofMinutes(90)));
        fixture.given(created(), numbers(N206), config("US"), sessionCreated("s1", 0, P1, P2, N206, 60),
                        new ProxySessionClosedEvent(VC, "s1", CloseReason.EXPIRED, T0.plusSeconds(3600)))
                .when(new CloseExpiredSessionsCommand(VC))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void updatedExpiryMovesTheExpiryInstant() {
        clock.set(T0.plus(Duration.ofMinutes(90)));
        fixture.given(created(), numbers(N206), config("US"), sessionCreated("s1", 0, P1, P2, N206, 60),
                        new ProxySessionUpdatedEvent(VC, "s1", Set.of(Capability.VOICE), 120, T0))
                .when(new CloseExpiredSessionsCommand(VC))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void disassociatingANumberClosesTheSessionsHoldingIt() {
        clock.advance(Duration.ofMinutes(1));
        Instant now = clock.instant();
        fixture.given(created(), numbers(N206, N212), config("US"), sessionCreated("s1", 0, P1, P2, N206, 60),
                        sessionCreated("s2", 1, P3, P4, N212, 60))
                .when(new RemoveNumbersCommand(VC, ACCOUNT, List.of(N206)))
                .expectEvents(new ProxySessionClosedEvent(VC, "s1", CloseReason.PROXY_NUMBER_DISASSOCIATED, now),
                        new NumbersRemovedEvent(VC, List.of(N206), now));
    }

    @Test
    void removingANumberTheConnectorDoesNotHaveRecordsNothing() {
        fixture.given(created(), numbers(N206), config("US"))
                .when(new RemoveNumbersCommand(VC, ACCOUNT, List.of(N206B)))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void ordinalsCountUpPerConnector() {
        fixture.given(created(), numbers(N206, N212), config("US"), sessionCreated("s1", 0, P1, P2, N206, 60),
                        new ProxySessionDeletedEvent(VC, "s1", T0))
                .when(create("s2", P3, P4))
                .expectEvents(sessionCreated("s2", 1, P3, P4, N206, 60));
    }

    // --- state O(active): ended sessions leave the connector ---

    @Test
    void closedSessionLeavesTheConnector() {
        fixture.given(created(), numbers(N206), config("US"), sessionCreated("s1", 0, P1, P2, N206, 60),
                        sessionCreated("s2", 1, P3, P4, N206, 60),
                        new ProxySessionClosedEvent(VC, "s1", CloseReason.EXPIRED, T0.plusSeconds(3600)),
                        new ProxySessionDeletedEvent(VC, "s2", T0))
                .when(new CloseExpiredSessionsCommand(VC))
                .expectNoEvents()
                .expectState(vc -> org.junit.jupiter.api.Assertions.assertEquals(0, vc.activeSessions()));
    }

    @Test
    void closedSessionTheDirectoryDoesNotKnowIsNotFound() {
        fixture.given(created(), numbers(N206), config("US"), sessionCreated("s1", 0, P1, P2, N206, 60),
                        new ProxySessionClosedEvent(VC, "s1", CloseReason.EXPIRED, T0.plusSeconds(3600)))
                .when(new DeleteProxySessionCommand(VC, ACCOUNT, "s1"))
                .expectNoEvents().expectException(rejected(AwsErrorCode.NOT_FOUND));
    }

    @Test
    void directoryEntriesOfAnotherConnectorDoNotCount() {
        ended.add("vc2", "s1");
        fixture.given(created(), numbers(N206), config("US"))
                .when(new DeleteProxySessionCommand(VC, ACCOUNT, "s1"))
                .expectNoEvents().expectException(rejected(AwsErrorCode.NOT_FOUND));
    }

    @Test
    void stickyMemoryForgetsAPairIdleLongerThanTheWindow() {
        fixture = new AggregateTestFixture<>(VoiceConnector.class);
        fixture.registerInjectableResource(clock);
        fixture.registerInjectableResource(ended);
        fixture.registerInjectableResource(new StickyMemory(Duration.ofHours(1)));
        Instant later = T0.plus(Duration.ofHours(3));
        fixture.given(created(), numbers(N206, N212), config("US"), sessionCreated("s1", 0, P1, P2, N212, 60),
                        new ProxySessionClosedEvent(VC, "s1", CloseReason.EXPIRED, T0.plusSeconds(3600)),
                        // another pair's closing, past the window: P1 and P2 are forgotten
                        sessionCreated("s2", 1, P3, P4, N212, 120),
                        new ProxySessionClosedEvent(VC, "s2", CloseReason.EXPIRED, later))
                .when(create("s3", P1, P2))
                .expectEvents(sessionCreated("s3", 2, P1, P2, N206, 60))
                .expectState(vc -> org.junit.jupiter.api.Assertions.assertEquals(2, vc.pairsRemembered()));
    }

    @Test
    void stickyMemoryKeepsAPairWithinTheWindow() {
        fixture.given(created(), numbers(N206, N212), config("US"), sessionCreated("s1", 0, P1, P2, N212, 60),
                        new ProxySessionClosedEvent(VC, "s1", CloseReason.EXPIRED, T0.plusSeconds(3600)),
                        sessionCreated("s2", 1, P3, P4, N212, 120),
                        new ProxySessionClosedEvent(VC, "s2", CloseReason.EXPIRED, T0.plus(Duration.ofHours(3))))
                .when(create("s3", P1, P2))
                .expectEvents(sessionCreated("s3", 2, P1, P2, N212, 60));
    }
}
