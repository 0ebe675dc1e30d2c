package io.proxyline.query.stream;

import io.proxyline.api.connector.VoiceConnectorCreatedEvent;
import io.proxyline.api.connector.VoiceConnectorDeletedEvent;
import io.proxyline.api.interaction.InteractionRecordedEvent;
import io.proxyline.api.session.ProxySessionCreatedEvent;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The owning account of a connector, per stream. Events that name the account are their own
 * answer; the others (which carry only the connector id) are looked up in the history's subject
 * record ({@code HistoryStore}), which stays after the connector is deleted. That record is written by a projection, so a
 * stream that is ahead of it (live events, a replay after a restart) first waits, bounded, for
 * the projections to catch up. An owner never changes, so answers are cached (bounded).
 */
final class ConnectorOwners {
    private static final int MAX_CACHED = 10_000;

    private final Function<String, Optional<String>> recordedOwner;
    private final Runnable awaitProjections;
    private final Map<String, String> cache = new HashMap<>();

    /**
     * @param recordedOwner the owner the history's record names for a connector id
     * @param awaitProjections waits, bounded, until the projections have caught up with the event store
     */
    ConnectorOwners(Function<String, Optional<String>> recordedOwner, Runnable awaitProjections) {
        this.recordedOwner = recordedOwner;
        this.awaitProjections = awaitProjections;
    }

    /** Empty when nobody is known to own it (then nobody is shown the event). */
    Optional<String> ownerOf(String voiceConnectorId, Object payload) {
        String named = named(payload);
        if (named != null) {
            return Optional.of(named);
        }
        String cached = cache.get(voiceConnectorId);
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<String> owner = recordedOwner.apply(voiceConnectorId);
        if (owner.isEmpty()) {
            awaitProjections.run();
            owner = recordedOwner.apply(voiceConnectorId);
        }
        owner.ifPresent(account -> remember(voiceConnectorId, account));
        return owner;
    }

    private static String named(Object payload) {
        if (payload instanceof VoiceConnectorCreatedEvent e) {
            return e.accountId();
        }
        if (payload instanceof VoiceConnectorDeletedEvent e) {
            return e.accountId();
        }
        if (payload instanceof ProxySessionCreatedEvent e) {
            return e.accountId();
        }
        if (payload instanceof InteractionRecordedEvent e) {
            return e.accountId();
        }
        return null;
    }

    private void remember(String voiceConnectorId, String account) {
        if (cache.size() >= MAX_CACHED) {
            cache.clear();
        }
        cache.put(voiceConnectorId, account);
    }
}
