package io.proxyline.query.history;

import io.proxyline.api.connector.NumbersAddedEvent;
import io.proxyline.api.connector.NumbersRemovedEvent;
import io.proxyline.api.connector.ProxyConfigDeletedEvent;
import io.proxyline.api.connector.ProxyConfigPutEvent;
import io.proxyline.api.connector.VoiceConnectorCreatedEvent;
import io.proxyline.api.connector.VoiceConnectorDeletedEvent;
import io.proxyline.api.interaction.InteractionAction;
import io.proxyline.api.interaction.InteractionRecordedEvent;
import io.proxyline.api.session.Capability;
import io.proxyline.api.session.CloseReason;
import io.proxyline.api.session.NumberSelectionBehavior;
import io.proxyline.api.session.ProxySessionClosedEvent;
import io.proxyline.api.session.ProxySessionCreatedEvent;
import io.proxyline.api.session.ProxySessionDeletedEvent;
import io.proxyline.api.session.ProxySessionInProgressEvent;
import io.proxyline.api.session.ProxySessionUpdatedEvent;
import io.proxyline.api.wire.Caller;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.axonframework.eventhandling.DomainEventMessage;

/**
 * One connector's life as command-service records it, for the history tests. Sequence numbers
 * in {@code vc1}'s stream:
 *
 * <pre>
 *  0 VoiceConnectorCreated   owner  req-1   T0
 *  1 ProxyConfigPut          owner  req-2   +1s
 *  2 NumbersAdded            owner  req-3   +2s
 *  3 ProxySessionCreated s1  owner  req-4   +10s  (expires after 1 minute: +70s)
 *  4 ProxySessionCreated s2  owner  req-5   +11s
 *  5 ProxySessionUpdated s1  owner  req-6   +20s
 *  6 InteractionRecorded s1  hook   req-7   +30s
 *  7 ProxySessionInProgress s1 hook req-7   +30s
 *  8 ProxySessionClosed s1   (expiry sweeper, no caller)  recorded +71s, ended +70s
 *  9 ProxySessionDeleted s1  owner  req-9   +80s
 * 10 ProxyConfigDeleted      owner  req-10  +90s
 * 11 ProxySessionClosed s2   owner  req-10  +90s
 * 12 NumbersRemoved          owner  req-11  +100s
 * 13 VoiceConnectorDeleted   owner  req-12  +110s
 * </pre>
 * and another account's connector {@code vcX} with session {@code x1}, and the owner's second
 * connector {@code vc2}.
 */
final class HistoryStory {
    static final Instant T0 = Instant.parse("2024-03-01T10:00:00Z");
    static final String ACCOUNT = "111122223333";
    static final String OTHER_ACCOUNT = "444455556666";
    static final String RIDER = "+12065550100";
    static final String DRIVER = "+12065550101";
    static final String PROXY = "+12065550199";

    private HistoryStory() {}

    /** Appends an event to its connector's stream on behalf of a caller (null: the system). */
    @FunctionalInterface
    interface Recorder {
        DomainEventMessage<?> record(Object event, Caller caller, Instant timestamp);
    }

    static Caller owner(String requestId) {
        return new Caller(ACCOUNT, "AKIAPROXYLINEOWNER01", requestId);
    }

    static Caller hook(String requestId) {
        return new Caller(ACCOUNT, "AKIAPROXYLINEHOOK001", requestId);
    }

    static Caller stranger(String requestId) {
        return new Caller(OTHER_ACCOUNT, "AKIAPROXYLINESTRANGE", requestId);
    }

    static Instant plus(long seconds) {
        return T0.plusSeconds(seconds);
    }

    static VoiceConnectorCreatedEvent connector(String id, String account) {
        return new VoiceConnectorCreatedEvent(id, account, "conn-" + id, "us-east-1", true, null, null, T0);
    }

    static ProxySessionCreatedEvent session(String vc, String account, String id, long ordinal, int expiryMinutes,
                                            Instant at) {
        return new ProxySessionCreatedEvent(vc, account, id, ordinal, List.of(RIDER, DRIVER), PROXY,
                Set.of(Capability.VOICE, Capability.SMS), expiryMinutes, "ride-" + id,
                NumberSelectionBehavior.PREFER_STICKY, null, null, at);
    }

    static InteractionRecordedEvent forward(String vc, String session, String id, Instant at) {
        return new InteractionRecordedEvent(vc, ACCOUNT, id, session, Capability.VOICE, RIDER, PROXY,
                InteractionAction.FORWARD, PROXY, DRIVER, null, at);
    }

    static void tell(Recorder f) {
        f.record(connector("vc1", ACCOUNT), owner("req-1"), T0);
        f.record(new ProxyConfigPutEvent("vc1", 60, List.of("US"), "+12065550000", false, plus(1)), owner("req-2"), plus(1));
        f.record(new NumbersAddedEvent("vc1", List.of(PROXY), plus(2)), owner("req-3"), plus(2));
        f.record(session("vc1", ACCOUNT, "s1", 0, 1, plus(10)), owner("req-4"), plus(10));
        f.record(session("vc1", ACCOUNT, "s2", 1, 60, plus(11)), owner("req-5"), plus(11));
        f.record(new ProxySessionUpdatedEvent("vc1", "s1", Set.of(Capability.VOICE), 1, plus(20)), owner("req-6"), plus(20));
        f.record(forward("vc1", "s1", "i1", plus(30)), hook("req-7"), plus(30));
        f.record(new ProxySessionInProgressEvent("vc1", "s1", "i1", plus(30)), hook("req-7"), plus(30));
        f.record(new ProxySessionClosedEvent("vc1", "s1", CloseReason.EXPIRED, plus(70)), (Caller) null, plus(71));
        f.record(new ProxySessionDeletedEvent("vc1", "s1", plus(80)), owner("req-9"), plus(80));
        f.record(new ProxyConfigDeletedEvent("vc1", plus(90)), owner("req-10"), plus(90));
        f.record(new ProxySessionClosedEvent("vc1", "s2", CloseReason.PROXY_CONFIG_DELETED, plus(90)), owner("req-10"),
                plus(90));
        f.record(new NumbersRemovedEvent("vc1", List.of(PROXY), plus(100)), owner("req-11"), plus(100));
        f.record(new VoiceConnectorDeletedEvent("vc1", ACCOUNT, plus(110)), owner("req-12"), plus(110));

        f.record(connector("vc2", ACCOUNT), owner("req-20"), T0);
        f.record(connector("vcX", OTHER_ACCOUNT), stranger("req-30"), T0);
        f.record(session("vcX", OTHER_ACCOUNT, "x1", 0, 60, plus(5)), stranger("req-31"), plus(5));
    }
}
