package io.proxyline.query.admin;

import io.proxyline.api.connector.NumbersAddedEvent;
import io.proxyline.api.connector.NumbersRemovedEvent;
import io.proxyline.api.connector.ProxyConfigDeletedEvent;
import io.proxyline.api.connector.ProxyConfigPutEvent;
import io.proxyline.api.connector.VoiceConnectorCreatedEvent;
import io.proxyline.api.connector.VoiceConnectorDeletedEvent;
import io.proxyline.api.interaction.InteractionAction;
import io.proxyline.api.interaction.InteractionReason;
import io.proxyline.api.interaction.InteractionRecordedEvent;
import io.proxyline.api.number.OrderedNumber;
import io.proxyline.api.number.PhoneNumberAcquiredEvent;
import io.proxyline.api.number.PhoneNumberAssociatedEvent;
import io.proxyline.api.number.PhoneNumberDisassociatedEvent;
import io.proxyline.api.number.PhoneNumberOrderPlacedEvent;
import io.proxyline.api.number.PhoneNumberReleasedEvent;
import io.proxyline.api.session.Capability;
import io.proxyline.api.session.CloseReason;
import io.proxyline.api.session.GeoMatchLevel;
import io.proxyline.api.session.GeoMatchParams;
import io.proxyline.api.session.NumberSelectionBehavior;
import io.proxyline.api.session.ProxySessionClosedEvent;
import io.proxyline.api.session.ProxySessionCreatedEvent;
import io.proxyline.api.session.ProxySessionDeletedEvent;
import io.proxyline.api.session.ProxySessionInProgressEvent;
import io.proxyline.api.session.ProxySessionUpdatedEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;

/**
 * A varied history for every query-side projection, as the command side would store it: two
 * accounts, connectors created, configured and deleted; numbers ordered, acquired, associated,
 * disassociated, released and acquired again; sessions created, updated, InProgress, expired,
 * closed by a deleted configuration and deleted; interactions matched and unmatched.
 */
final class ProjectionHistory {
    static final String ACCOUNT = "111122223333";
    static final String OTHER_ACCOUNT = "444455556666";
    /**
     * The first of session sb1's three interactions, and the seventh interaction event: with
     * batches of five, the interactions processor has committed one batch before it.
     */
    static final String FIRST_SB1_INTERACTION = "ib1";

    private static final Instant T0 = Instant.parse("2024-03-01T10:00:00Z");
    private static final String RIDER = "+12065550100";
    private static final String DRIVER = "+12065550101";
    private static final String N1 = "+12065550191";
    private static final String N2 = "+12065550192";
    private static final String N3 = "+12065550193";
    private static final String N4 = "+12065550194";
    private static final String NB1 = "+13125550191";

    private final List<DomainEventMessage<?>> events = new ArrayList<>();
    private final Map<String, Long> sequences = new HashMap<>();
    private long seconds;

    static List<DomainEventMessage<?>> events() {
        ProjectionHistory history = new ProjectionHistory();
        history.build();
        return history.events;
    }

    private Instant next() {
        return T0.plusSeconds(++seconds);
    }

    private void add(String aggregateId, Object payload) {
        long sequence = sequences.merge(aggregateId, 1L, Long::sum) - 1;
        events.add(new GenericDomainEventMessage<>("Proxyline", aggregateId, sequence, payload));
    }

    private void build() {
        add("vc-a1", new VoiceConnectorCreatedEvent("vc-a1", ACCOUNT, "alpha", "us-east-1", true, null, null, next()));
        add("vc-a2", new VoiceConnectorCreatedEvent("vc-a2", ACCOUNT, "beta", "us-west-2", false, null, null, next()));
        add("vc-b1", new VoiceConnectorCreatedEvent("vc-b1", OTHER_ACCOUNT, "gamma", "us-east-1", false, null, null,
                next()));

        add("order-1", new PhoneNumberOrderPlacedEvent("order-1", ACCOUNT, "VoiceConnector",
                List.of(new OrderedNumber(N1, "Acquired"), new OrderedNumber(N2, "Acquired"),
                        new OrderedNumber(N3, "Acquired"), new OrderedNumber(N4, "Acquired")),
                "Successful", next()));
        for (String number : List.of(N1, N2, N3, N4)) {
            add(number, new PhoneNumberAcquiredEvent(number, ACCOUNT, "order-1", "VoiceConnector", null, "US", false,
                    next()));
        }
        add("order-2", new PhoneNumberOrderPlacedEvent("order-2", OTHER_ACCOUNT, "VoiceConnector",
                List.of(new OrderedNumber(NB1, "Acquired")), "Successful", next()));
        add(NB1, new PhoneNumberAcquiredEvent(NB1, OTHER_ACCOUNT, "order-2", "VoiceConnector", "main", "US", false,
                next()));

        for (String number : List.of(N1, N2, N3)) {
            add(number, new PhoneNumberAssociatedEvent(number, ACCOUNT, "vc-a1", next()));
        }
        add("vc-a1", new NumbersAddedEvent("vc-a1", List.of(N1, N2, N3), next()));
        add(N4, new PhoneNumberAssociatedEvent(N4, ACCOUNT, "vc-a2", next()));
        add("vc-a2", new NumbersAddedEvent("vc-a2", List.of(N4), next()));
        add(NB1, new PhoneNumberAssociatedEvent(NB1, OTHER_ACCOUNT, "vc-b1", next()));
        add("vc-b1", new NumbersAddedEvent("vc-b1", List.of(NB1), next()));

        add("vc-a1", new ProxyConfigPutEvent("vc-a1", 60, List.of("US"), null, false, next()));
        add("vc-a2", new ProxyConfigPutEvent("vc-a2", 10, List.of("US"), null, false, next()));
        add("vc-b1", new ProxyConfigPutEvent("vc-b1", 30, List.of("US", "CA"), "+12065550000", false, next()));
        add("vc-a1", new ProxyConfigPutEvent("vc-a1", 45, List.of("US"), "+12065550001", false, next()));

        session("vc-a1", ACCOUNT, "s1", 0, N1, new GeoMatchParams("US", "206"));
        session("vc-a1", ACCOUNT, "s2", 1, N2, null);
        session("vc-a1", ACCOUNT, "s3", 2, N3, null);
        session("vc-a1", ACCOUNT, "s4", 3, N1, null);
        session("vc-a2", ACCOUNT, "sx", 0, N4, null);
        session("vc-b1", OTHER_ACCOUNT, "sb1", 0, NB1, null);

        add("s1", new ProxySessionUpdatedEvent("vc-a1", "s1", Set.of(Capability.SMS), 120, next()));
        interaction("vc-a1", ACCOUNT, "i1", "s1", Capability.SMS, N1);
        add("s1", new ProxySessionInProgressEvent("vc-a1", "s1", "i1", next()));
        add("i2", new InteractionRecordedEvent("vc-a1", ACCOUNT, "i2", "s1", Capability.VOICE, DRIVER, N1,
                InteractionAction.REJECT, null, null, InteractionReason.CAPABILITY_NOT_ALLOWED, next()));
        add("n1", new InteractionRecordedEvent("vc-a1", ACCOUNT, "n1", null, Capability.VOICE, "+12065550123", N3,
                InteractionAction.FALLBACK, N3, "+12065550001", InteractionReason.NO_ACTIVE_SESSION, next()));
        interaction("vc-a1", ACCOUNT, "i3", "s2", Capability.VOICE, N2);
        add("s2", new ProxySessionInProgressEvent("vc-a1", "s2", "i3", next()));
        interaction("vc-a1", ACCOUNT, "i4", "s1", Capability.SMS, N1);
        add("s2", new ProxySessionClosedEvent("vc-a1", "s2", CloseReason.EXPIRED, next()));
        add("s3", new ProxySessionClosedEvent("vc-a1", "s3", CloseReason.EXPIRED, next()));
        add("s4", new ProxySessionDeletedEvent("vc-a1", "s4", next()));
        interaction("vc-a1", ACCOUNT, "i5", "s1", Capability.SMS, N1);
        interaction("vc-b1", OTHER_ACCOUNT, FIRST_SB1_INTERACTION, "sb1", Capability.VOICE, NB1);
        add("sb1", new ProxySessionInProgressEvent("vc-b1", "sb1", "ib1", next()));
        interaction("vc-b1", OTHER_ACCOUNT, "ib2", "sb1", Capability.SMS, NB1);

        add("vc-a2", new ProxyConfigDeletedEvent("vc-a2", next()));
        add("sx", new ProxySessionClosedEvent("vc-a2", "sx", CloseReason.PROXY_CONFIG_DELETED, next()));
        add(N4, new PhoneNumberDisassociatedEvent(N4, ACCOUNT, "vc-a2", next()));
        add("vc-a2", new NumbersRemovedEvent("vc-a2", List.of(N4), next()));
        add(N4, new PhoneNumberReleasedEvent(N4, ACCOUNT, next()));
        add("vc-a2", new VoiceConnectorDeletedEvent("vc-a2", ACCOUNT, next()));
        add("order-3", new PhoneNumberOrderPlacedEvent("order-3", ACCOUNT, "VoiceConnector",
                List.of(new OrderedNumber(N4, "Acquired")), "Successful", next()));
        add(N4, new PhoneNumberAcquiredEvent(N4, ACCOUNT, "order-3", "VoiceConnector", "again", "US", false, next()));
        add(N4, new PhoneNumberAssociatedEvent(N4, ACCOUNT, "vc-a1", next()));
        add("vc-a1", new NumbersAddedEvent("vc-a1", List.of(N4), next()));
        add("vc-a1", new NumbersRemovedEvent("vc-a1", List.of(N3), next()));
        add(N3, new PhoneNumberDisassociatedEvent(N3, ACCOUNT, "vc-a1", next()));
        interaction("vc-b1", OTHER_ACCOUNT, "ib3", "sb1", Capability.SMS, NB1);
    }

    private void session(String vc, String account, String id, long ordinal, String proxy, GeoMatchParams geo) {
        add(id, new ProxySessionCreatedEvent(vc, account, id, ordinal, List.of(RIDER, DRIVER), proxy,
                Set.of(Capability.VOICE, Capability.SMS), 60, "ride-" + id,
                geo == null ? NumberSelectionBehavior.AVOID_STICKY : NumberSelectionBehavior.PREFER_STICKY,
                geo == null ? null : GeoMatchLevel.AREA_CODE, geo, next()));
    }

    private void interaction(String vc, String account, String id, String session, Capability type, String proxy) {
        add(id, new InteractionRecordedEvent(vc, account, id, session, type, RIDER, proxy, InteractionAction.FORWARD,
                proxy, DRIVER, null, next()));
    }
}
