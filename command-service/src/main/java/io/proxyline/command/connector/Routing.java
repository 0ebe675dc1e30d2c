package io.proxyline.command.connector;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A connector's active sessions and the indexes its routing rules read: who holds which proxy
 * number, how many sessions use each number, when each session expires, and which number each
 * participant pair had last (the sticky memory). Everything here is O(active sessions + pairs
 * seen within the sticky window): a session leaves when its closing or deletion is recorded, and
 * a pair is forgotten once its last session ended longer ago than the window.
 *
 * <p>Only the sessions and the sticky memory are state; the other indexes are derived from the
 * sessions, so a snapshot holds just those two and rebuilds the rest when it is read.
 */
final class Routing {
    private final Map<String, ActiveSession> sessions = new HashMap<>();
    /** participant → (proxy number → session id). */
    private final Map<String, Map<String, String>> holdings = new HashMap<>();
    /** proxy number → active sessions using it; "least used" is a preference, not a rule. */
    private final Map<String, Integer> perNumber = new HashMap<>();
    /** active sessions by expiry instant, so recording expiries costs O(due), not O(sessions). */
    private final TreeMap<Instant, Set<String>> byExpiry = new TreeMap<>();
    /** sorted participant pair → its active sessions. */
    private final Map<String, Integer> perPair = new HashMap<>();
    /** sorted participant pair → the proxy number of its latest session. */
    private final Map<String, String> lastNumber = new HashMap<>();
    /** pairs with no active session → when their last one ended, in the order they went idle. */
    private final LinkedHashMap<String, Instant> idleSince = new LinkedHashMap<>();

    Routing() {}

    // ---- changes: called by the connector's event handlers only ---------------------------------

    void open(ActiveSession s) {
        sessions.put(s.id, s);
        for (String p : s.participants) holdings.computeIfAbsent(p, k -> new HashMap<>()).put(s.proxyNumber, s.id);
        perNumber.merge(s.proxyNumber, 1, Integer::sum);
        index(s);
        String pair = s.pair();
        perPair.merge(pair, 1, Integer::sum);
        lastNumber.put(pair, s.proxyNumber);
        idleSince.remove(pair);
    }

    /** The session leaves: its closing or deletion was recorded at {@code at}. Null if it was not active. */
    ActiveSession end(String sessionId, Instant at) {
        ActiveSession s = sessions.remove(sessionId);
        if (s == null) return null;
        for (String p : s.participants) {
            Map<String, String> held = holdings.get(p);
            // a later session may already hold the slot (the clock freed it before the closing was recorded)
            if (held != null && s.id.equals(held.get(s.proxyNumber))) {
                held.remove(s.proxyNumber);
                if (held.isEmpty()) holdings.remove(p);
            }
        }
        perNumber.computeIfPresent(s.proxyNumber, (n, c) -> c > 1 ? c - 1 : null);
        unindex(s);
        String pair = s.pair();
        if (perPair.merge(pair, -1, Integer::sum) <= 0) {
            perPair.remove(pair);
            idleSince.remove(pair);
            idleSince.put(pair, at);
        }
        return s;
    }

    void changeExpiry(ActiveSession s, int expiryMinutes) {
        unindex(s);
        s.expiryMinutes = expiryMinutes;
        index(s);
    }

    /** Forgets the numbers of pairs whose last session ended before {@code cutoff}. */
    void forgetPairsIdleSince(Instant cutoff) {
        Iterator<Map.Entry<String, Instant>> it = idleSince.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<String, Instant> idle = it.next();
            // In the order the pairs went idle; an expiry recorded late may sit behind a newer one.
            if (!idle.getValue().isBefore(cutoff)) break;
            lastNumber.remove(idle.getKey());
            it.remove();
        }
    }

    private void index(ActiveSession s) {
        byExpiry.computeIfAbsent(s.expiresAt(), k -> new TreeSet<>()).add(s.id);
    }

    private void unindex(ActiveSession s) {
        Set<String> at = byExpiry.get(s.expiresAt());
        if (at != null && at.remove(s.id) && at.isEmpty()) byExpiry.remove(s.expiresAt());
    }

    // ---- reads ----------------------------------------------------------------------------------

    ActiveSession session(String sessionId) {
        return sessions.get(sessionId);
    }

    /** The session in which {@code participant} holds {@code proxyNumber} and that is active at {@code now}. */
    ActiveSession holding(String participant, String proxyNumber, Instant now) {
        String sessionId = holdings.getOrDefault(participant, Map.of()).get(proxyNumber);
        ActiveSession s = sessionId == null ? null : sessions.get(sessionId);
        return s != null && s.activeAt(now) ? s : null;
    }

    /** True when {@code number} is a participant of an active session, as that session's event recorded it. */
    boolean holdsAnyNumber(String number) {
        return holdings.containsKey(number);
    }

    int sessionsOn(String proxyNumber) {
        return perNumber.getOrDefault(proxyNumber, 0);
    }

    String lastNumber(String a, String b) {
        return lastNumber.get(pairKey(a, b));
    }

    /** Sessions whose expiry instant is at or before {@code now}, earliest first. */
    List<ActiveSession> expiredAt(Instant now) {
        return byExpiry.headMap(now, true).values().stream()
                .flatMap(Set::stream)
                .map(sessions::get)
                .sorted(Comparator.comparing(ActiveSession::expiresAt).thenComparing(s -> s.id))
                .toList();
    }

    /** Every active session, oldest first. */
    List<ActiveSession> all() {
        return sessions.values().stream()
                .sorted(Comparator.comparing((ActiveSession s) -> s.createdAt).thenComparing(s -> s.id))
                .toList();
    }

    int size() {
        return sessions.size();
    }

    int pairsRemembered() {
        return lastNumber.size();
    }

    static String pairKey(String a, String b) {
        return a.compareTo(b) < 0 ? a + "|" + b : b + "|" + a;
    }

    // ---- snapshot form --------------------------------------------------------------------------

    /** What a snapshot stores: the sessions and the sticky memory, idle pairs in the order they went idle. */
    record Stored(List<ActiveSession> sessions, List<Sticky> sticky) {}

    record Sticky(String pair, String number, Instant idleSince) {}

    @JsonValue
    Stored stored() {
        List<Sticky> sticky = new ArrayList<>();
        lastNumber.forEach((pair, number) -> {
            if (!idleSince.containsKey(pair)) sticky.add(new Sticky(pair, number, null));
        });
        idleSince.forEach((pair, at) -> sticky.add(new Sticky(pair, lastNumber.get(pair), at)));
        return new Stored(List.copyOf(sessions.values()), sticky);
    }

    @JsonCreator
    static Routing from(Stored stored) {
        Routing r = new Routing();
        stored.sessions().forEach(r::open);
        r.lastNumber.clear();
        r.idleSince.clear();
        for (Sticky s : stored.sticky()) {
            r.lastNumber.put(s.pair(), s.number());
            if (s.idleSince() != null) r.idleSince.put(s.pair(), s.idleSince());
        }
        return r;
    }

    /** State equality (the derived indexes follow from it), for Axon's test fixture. */
    @Override
    public boolean equals(Object o) {
        return o instanceof Routing r && sessions.equals(r.sessions) && lastNumber.equals(r.lastNumber)
                && List.copyOf(idleSince.entrySet()).equals(List.copyOf(r.idleSince.entrySet()));
    }

    @Override
    public int hashCode() {
        return Objects.hash(sessions.size(), lastNumber.size());
    }
}
