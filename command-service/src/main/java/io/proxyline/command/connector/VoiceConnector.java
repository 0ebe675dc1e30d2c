package io.proxyline.command.connector;

import static io.proxyline.api.wire.ProxyRejected.badRequest;
import static io.proxyline.api.wire.ProxyRejected.conflict;
import static io.proxyline.api.wire.ProxyRejected.notFound;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.axonframework.modelling.command.AggregateLifecycle.markDeleted;

import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import com.fasterxml.jackson.annotation.JsonAutoDetect;
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
import io.proxyline.api.interaction.InteractionAction;
import io.proxyline.api.interaction.InteractionReason;
import io.proxyline.api.interaction.InteractionRecordedEvent;
import io.proxyline.api.interaction.RecordInteractionCommand;
import io.proxyline.api.phone.PhoneNumbers.NumberFacts;
import io.proxyline.api.phone.PhoneNumbers.ValidNumber;
import io.proxyline.api.phone.PhoneNumbers;
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
import io.proxyline.api.session.ProxySessionInProgressEvent;
import io.proxyline.api.session.ProxySessionUpdatedEvent;
import io.proxyline.api.session.ProxySessionView;
import io.proxyline.api.session.SessionExpiry;
import io.proxyline.api.session.UpdateCapabilitiesCommand;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * A voice connector with its phone numbers, proxy configuration and active proxy sessions. It is
 * the consistency boundary of the routing invariant: every allocation of a proxy number is decided
 * here against the connector's active sessions, and appends are ordered by the aggregate's event
 * sequence, so two writers (threads or command-service instances) can never both allocate from
 * the same state — the loser's append hits the unique (aggregate, sequence) key and is retried.
 *
 * <p>Its state is O(active): a session leaves {@link Routing} when its closing or deletion is
 * recorded, and the sticky memory forgets pairs idle for longer than {@link StickyMemory}'s window.
 * What it still answers for ended sessions (update refused as closed, delete) it asks
 * {@link EndedSessions}. Snapshots hold exactly this state (Jackson, field by field).
 *
 * <p>Expiry needs no event to take effect: a session counts as active only before its expiry
 * instant by the injected clock, so its number is free from that instant even if nobody has
 * recorded the closing yet.
 */
@Aggregate(cache = "aggregateCache", snapshotTriggerDefinition = "connectorSnapshotTrigger")
@JsonAutoDetect(fieldVisibility = Visibility.ANY, getterVisibility = Visibility.NONE,
        isGetterVisibility = Visibility.NONE)
class VoiceConnector implements SnapshotWeight {
    @AggregateIdentifier
    private String id;

    private String accountId;
    private LinkedHashMap<String, NumberFacts> numbers = new LinkedHashMap<>();
    private ProxyConfig config;
    private Routing routing = new Routing();
    private long nextOrdinal;

    VoiceConnector() {}

    /** What a snapshot of this connector holds: its active sessions and the remembered pairs. */
    @Override
    public long snapshotWeight() {
        return (long) routing.size() + routing.pairsRemembered();
    }

    @CommandHandler
    VoiceConnector(CreateVoiceConnectorCommand cmd, Clock clock) {
        apply(new VoiceConnectorCreatedEvent(cmd.voiceConnectorId(), cmd.accountId(), cmd.name(), cmd.awsRegion(),
                cmd.requireEncryption(), cmd.networkType(), cmd.integrationType(), clock.instant()));
    }

    @CommandHandler
    void handle(DeleteVoiceConnectorCommand cmd, Clock clock) {
        requireOwner(cmd.accountId());
        if (!numbers.isEmpty()) {
            throw conflict("Voice connector " + id + " still has " + numbers.size()
                    + " phone number(s) associated; disassociate them first");
        }
        apply(new VoiceConnectorDeletedEvent(id, accountId, clock.instant()));
    }

    @CommandHandler
    void handle(AddNumbersCommand cmd, Clock clock) {
        requireOwner(cmd.accountId());
        List<String> added = new ArrayList<>();
        for (String number : cmd.e164PhoneNumbers()) {
            Rules.valid(number, "E164PhoneNumbers");
            if (!numbers.containsKey(number) && !added.contains(number)) added.add(number);
        }
        if (!added.isEmpty()) apply(new NumbersAddedEvent(id, added, clock.instant()));
    }

    @CommandHandler
    void handle(RemoveNumbersCommand cmd, Clock clock) {
        requireOwner(cmd.accountId());
        Instant now = clock.instant();
        List<String> removed = cmd.e164PhoneNumbers().stream().filter(numbers::containsKey).distinct().toList();
        if (removed.isEmpty()) return;
        closeActive(s -> removed.contains(s.proxyNumber), CloseReason.PROXY_NUMBER_DISASSOCIATED, now);
        apply(new NumbersRemovedEvent(id, removed, now));
    }

    @CommandHandler
    ProxyConfigPutEvent handle(PutProxyConfigCommand cmd, Clock clock) {
        requireOwner(cmd.accountId());
        if (cmd.defaultSessionExpiryMinutes() < 1) throw badRequest("DefaultSessionExpiryMinutes must be at least 1");
        Rules.poolCountries(cmd.phoneNumberPoolCountries());
        if (cmd.fallBackPhoneNumber() != null) Rules.valid(cmd.fallBackPhoneNumber(), "FallBackPhoneNumber");
        ProxyConfigPutEvent event = new ProxyConfigPutEvent(id, cmd.defaultSessionExpiryMinutes(),
                List.copyOf(new LinkedHashSet<>(cmd.phoneNumberPoolCountries())), cmd.fallBackPhoneNumber(),
                cmd.disabled(), clock.instant());
        apply(event);
        return event;
    }

    @CommandHandler
    void handle(DeleteProxyConfigCommand cmd, Clock clock) {
        requireOwner(cmd.accountId());
        if (config == null) throw notFound("Voice connector " + id + " has no proxy configuration");
        Instant now = clock.instant();
        apply(new ProxyConfigDeletedEvent(id, now));
        closeActive(s -> true, CloseReason.PROXY_CONFIG_DELETED, now);
    }

    @CommandHandler
    ProxySessionView handle(CreateProxySessionCommand cmd, Clock clock) {
        requireOwner(cmd.accountId());
        if (config == null) throw badRequest("Voice connector " + id + " has no proxy configuration");
        if (config.disabled()) throw badRequest("The proxy configuration of voice connector " + id + " is disabled");
        List<ValidNumber> participants = Rules.participants(cmd.participants());
        Rules.capabilities(cmd.capabilities());
        Rules.expiryMinutes(cmd.expiryMinutes(), "ExpiryMinutes");
        Rules.sessionName(cmd.name());
        Rules.geoMatch(cmd.geoMatchLevel(), cmd.geoMatchParams());
        // Session ids are drawn by the service from 36^22 values; only an active one can collide here.
        if (routing.session(cmd.proxySessionId()) != null) throw conflict("Proxy session id already used");
        NumberSelectionBehavior selection =
                cmd.selection() == null ? NumberSelectionBehavior.PREFER_STICKY : cmd.selection();
        Instant now = clock.instant();
        String proxyNumber = allocate(participants, selection, cmd.geoMatchLevel(), cmd.geoMatchParams(), now);
        int expiry = cmd.expiryMinutes() == null ? config.defaultSessionExpiryMinutes() : cmd.expiryMinutes();
        apply(new ProxySessionCreatedEvent(id, accountId, cmd.proxySessionId(), nextOrdinal,
                List.of(participants.get(0).e164(), participants.get(1).e164()), proxyNumber,
                cmd.capabilities(), expiry, cmd.name(), selection, cmd.geoMatchLevel(), cmd.geoMatchParams(), now));
        return routing.session(cmd.proxySessionId()).view(id, now);
    }

    @CommandHandler
    ProxySessionView handle(UpdateCapabilitiesCommand cmd, Clock clock, EndedSessions ended) {
        requireOwner(cmd.accountId());
        ActiveSession session = routing.session(cmd.proxySessionId());
        Instant now = clock.instant();
        if (session == null) {
            if (ended.contains(id, cmd.proxySessionId())) throw closed(cmd.proxySessionId());
            throw sessionNotFound(cmd.proxySessionId());
        }
        if (!session.activeAt(now)) throw closed(session.id);
        Rules.capabilities(cmd.capabilities());
        Rules.expiryMinutes(cmd.expiryMinutes(), "ExpiryMinutes");
        int expiry = cmd.expiryMinutes() == null ? session.expiryMinutes : cmd.expiryMinutes();
        if (!new SessionExpiry(session.createdAt, expiry).activeAt(now)) {
            throw badRequest("ExpiryMinutes " + expiry + " counts from the session's creation and would end it in the past");
        }
        apply(new ProxySessionUpdatedEvent(id, session.id, cmd.capabilities(), expiry, now));
        return session.view(id, now);
    }

    @CommandHandler
    void handle(DeleteProxySessionCommand cmd, Clock clock, EndedSessions ended) {
        requireOwner(cmd.accountId());
        if (routing.session(cmd.proxySessionId()) == null && !ended.contains(id, cmd.proxySessionId())) {
            throw sessionNotFound(cmd.proxySessionId());
        }
        apply(new ProxySessionDeletedEvent(id, cmd.proxySessionId(), clock.instant()));
    }

    /**
     * The routing hook's decision for one inbound call or text, recorded whatever it is. Decided
     * here, under the connector's lock, so it is ordered with every close, update and expiry
     * change of the same connector: it never forwards within a session that has ended (by event or
     * by the clock), and only the first forward of a session moves it to {@code InProgress}.
     */
    @CommandHandler
    InteractionRecordedEvent handle(RecordInteractionCommand cmd, Clock clock) {
        requireOwner(cmd.accountId());
        // Matched and recorded in the canonical E.164 form the sessions hold.
        String from = canonical(cmd.fromPhoneNumber(), "FromPhoneNumber");
        String to = canonical(cmd.toPhoneNumber(), "ToPhoneNumber");
        if (cmd.type() == null) throw badRequest("Type is required");
        Instant now = clock.instant();
        InteractionRecordedEvent event;
        ActiveSession session = null;
        if (config == null) {
            event = interaction(cmd, from, to, null, InteractionAction.REJECT, null, null,
                    InteractionReason.NO_PROXY_CONFIGURATION, now);
        } else if (config.disabled()) {
            event = interaction(cmd, from, to, null, InteractionAction.REJECT, null, null,
                    InteractionReason.PROXY_DISABLED, now);
        } else if (!inPool(to)) {
            event = interaction(cmd, from, to, null, InteractionAction.REJECT, null, null,
                    InteractionReason.NOT_A_PROXY_NUMBER, now);
        } else if ((session = routing.holding(from, to, now)) == null) {
            event = config.fallBackPhoneNumber() != null
                    ? interaction(cmd, from, to, null, InteractionAction.FALLBACK, to,
                            config.fallBackPhoneNumber(), InteractionReason.NO_ACTIVE_SESSION, now)
                    : interaction(cmd, from, to, null, InteractionAction.REJECT, null, null,
                            InteractionReason.NO_ACTIVE_SESSION, now);
        } else if (!session.capabilities.contains(cmd.type())) {
            event = interaction(cmd, from, to, session.id, InteractionAction.REJECT, null, null,
                    InteractionReason.CAPABILITY_NOT_ALLOWED, now);
        } else {
            event = interaction(cmd, from, to, session.id, InteractionAction.FORWARD, session.proxyNumber,
                    session.otherParticipant(from), null, now);
        }
        apply(event);
        if (event.action() == InteractionAction.FORWARD && !session.inProgress) {
            apply(new ProxySessionInProgressEvent(id, session.id, event.interactionId(), now));
        }
        return event;
    }

    private InteractionRecordedEvent interaction(RecordInteractionCommand cmd, String from, String to,
                                                 String sessionId, InteractionAction action, String forwardFrom,
                                                 String forwardTo, InteractionReason reason, Instant now) {
        return new InteractionRecordedEvent(id, accountId, cmd.interactionId(), sessionId, cmd.type(), from, to,
                action, forwardFrom, forwardTo, reason, now);
    }

    /**
     * {@code number} when it is valid canonical E.164, else a 400. A number this connector holds — in
     * its inventory, or as a participant of an active session — was checked when it came in and is
     * held in canonical form, so it is taken as it is: libphonenumber's check was a third of the
     * routing hook's work on the command writer (JFR, docs/benchmarks.md 2026-12-08).
     */
    private String canonical(String number, String member) {
        if (number != null && (numbers.containsKey(number) || routing.holdsAnyNumber(number))) return number;
        return Rules.valid(number, member).e164();
    }

    /** In the proxy number pool: associated with this connector, of a country the configuration pools. */
    private boolean inPool(String number) {
        NumberFacts facts = numbers.get(number);
        return facts != null && config.poolCountries().contains(facts.country());
    }

    @CommandHandler
    void handle(CloseExpiredSessionsCommand cmd, Clock clock) {
        for (ActiveSession s : routing.expiredAt(clock.instant())) {
            apply(new ProxySessionClosedEvent(id, s.id, CloseReason.EXPIRED, s.expiresAt()));
        }
    }

    /**
     * Records the closing of every active session that {@code which} selects, and of every one
     * whose expiry instant has passed (closed as expired, at that instant).
     */
    private void closeActive(Predicate<ActiveSession> which, CloseReason reason, Instant now) {
        for (ActiveSession s : routing.all()) {
            if (!s.activeAt(now)) {
                apply(new ProxySessionClosedEvent(id, s.id, CloseReason.EXPIRED, s.expiresAt()));
            } else if (which.test(s)) {
                apply(new ProxySessionClosedEvent(id, s.id, reason, now));
            }
        }
    }

    /** Picks the proxy number both participants will share, or refuses when none is free. */
    private String allocate(List<ValidNumber> participants, NumberSelectionBehavior selection,
                            GeoMatchLevel level, GeoMatchParams params, Instant now) {
        ValidNumber first = participants.get(0);
        String a = participants.get(0).e164();
        String b = participants.get(1).e164();
        String country = params != null ? params.country() : first.country();
        // The area code costs a libphonenumber formatting pass: only for an area-code match without parameters.
        String areaCode = params != null ? params.areaCode() : level == GeoMatchLevel.AREA_CODE ? first.areaCode() : null;
        List<String> free = new ArrayList<>();
        int inPool = 0;
        for (NumberFacts n : numbers.values()) {
            if (!config.poolCountries().contains(n.country())) continue;
            inPool++;
            if (level == GeoMatchLevel.COUNTRY && !n.country().equals(country)) continue;
            if (level == GeoMatchLevel.AREA_CODE && !(n.country().equals(country) && n.areaCode().equals(areaCode))) continue;
            if (routing.holding(a, n.e164(), now) != null || routing.holding(b, n.e164(), now) != null) continue;
            free.add(n.e164());
        }
        if (free.isEmpty()) {
            throw badRequest(inPool == 0
                    ? "Voice connector " + id + " has no proxy phone numbers in PhoneNumberPoolCountries"
                    : "No proxy phone number is free for these participants"
                            + (level == null ? "" : " with GeoMatchLevel " + level.wire()));
        }
        String sticky = routing.lastNumber(a, b);
        if (sticky != null && free.contains(sticky)) {
            if (selection == NumberSelectionBehavior.PREFER_STICKY) return sticky;
            if (free.size() > 1) free.remove(sticky);
        }
        return free.stream().min(Comparator.comparingInt(routing::sessionsOn)).orElseThrow();
    }

    private void requireOwner(String caller) {
        if (!Objects.equals(accountId, caller)) throw notFound("Voice connector " + id + " not found");
    }

    private static RuntimeException sessionNotFound(String sessionId) {
        return notFound("Proxy session " + sessionId + " not found");
    }

    private static RuntimeException closed(String sessionId) {
        return badRequest("Proxy session " + sessionId + " is closed");
    }

    /** How many sessions the connector holds in memory (active, or expired with the closing not yet recorded). */
    int activeSessions() {
        return routing.size();
    }

    int pairsRemembered() {
        return routing.pairsRemembered();
    }

    @EventSourcingHandler
    void on(VoiceConnectorCreatedEvent e) {
        id = e.voiceConnectorId();
        accountId = e.accountId();
    }

    @EventSourcingHandler
    void on(VoiceConnectorDeletedEvent e) {
        markDeleted();
    }

    @EventSourcingHandler
    void on(NumbersAddedEvent e) {
        e.e164PhoneNumbers().forEach(n -> numbers.put(n, PhoneNumbers.parse(n).orElseThrow()));
    }

    @EventSourcingHandler
    void on(NumbersRemovedEvent e) {
        e.e164PhoneNumbers().forEach(numbers::remove);
    }

    @EventSourcingHandler
    void on(ProxyConfigPutEvent e) {
        config = new ProxyConfig(e.defaultSessionExpiryMinutes(), List.copyOf(e.phoneNumberPoolCountries()),
                e.fallBackPhoneNumber(), e.disabled());
    }

    @EventSourcingHandler
    void on(ProxyConfigDeletedEvent e) {
        config = null;
    }

    @EventSourcingHandler
    void on(ProxySessionCreatedEvent e, StickyMemory memory) {
        routing.open(ActiveSession.of(e));
        nextOrdinal = Math.max(nextOrdinal, e.ordinal() + 1);
        routing.forgetPairsIdleSince(e.createdAt().minus(memory.window()));
    }

    @EventSourcingHandler
    void on(ProxySessionUpdatedEvent e) {
        ActiveSession s = routing.session(e.proxySessionId());
        if (s == null) return; // histories written before sessions left the connector on closing
        routing.changeExpiry(s, e.expiryMinutes());
        s.capabilities = e.capabilities();
        s.updatedAt = e.updatedAt();
    }

    @EventSourcingHandler
    void on(ProxySessionInProgressEvent e) {
        ActiveSession s = routing.session(e.proxySessionId());
        if (s == null) return;
        s.inProgress = true;
        s.updatedAt = e.at();
    }

    @EventSourcingHandler
    void on(ProxySessionClosedEvent e, StickyMemory memory) {
        routing.end(e.proxySessionId(), e.endedAt());
        routing.forgetPairsIdleSince(e.endedAt().minus(memory.window()));
    }

    @EventSourcingHandler
    void on(ProxySessionDeletedEvent e) {
        routing.end(e.proxySessionId(), e.deletedAt());
    }

    record ProxyConfig(int defaultSessionExpiryMinutes, List<String> poolCountries, String fallBackPhoneNumber,
                       boolean disabled) {}
}
