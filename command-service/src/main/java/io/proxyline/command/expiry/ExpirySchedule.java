package io.proxyline.command.expiry;

import io.proxyline.api.session.ProxySessionClosedEvent;
import io.proxyline.api.session.ProxySessionCreatedEvent;
import io.proxyline.api.session.ProxySessionDeletedEvent;
import io.proxyline.api.session.ProxySessionUpdatedEvent;
import io.proxyline.api.session.SessionExpiry;
import java.time.Instant;
import java.util.List;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.stereotype.Component;

/**
 * When sessions expire, bucketed by minute, so the sweeper can record closings without a
 * query that scans: a bucket lists the connectors with an expiry in that minute, and the cursor
 * is the earliest minute not yet swept. This only drives the recording of expiries; whether a
 * session is active never waits for it. Kept in an {@link ExpiryStore}.
 */
@Component
@ProcessingGroup(ExpirySchedule.GROUP)
class ExpirySchedule {
    static final String GROUP = "expiry-schedule";
    private final ExpiryStore store;

    ExpirySchedule(ExpiryStore store) {
        this.store = store;
    }

    @EventHandler
    void on(ProxySessionCreatedEvent e) {
        store.sessionCreated(e.proxySessionId(), e.voiceConnectorId(), e.createdAt().toEpochMilli());
        schedule(e.voiceConnectorId(), e.expiry().expiresAt());
    }

    @EventHandler
    void on(ProxySessionUpdatedEvent e) {
        store.createdAt(e.proxySessionId()).ifPresent(createdAt -> schedule(e.voiceConnectorId(),
                new SessionExpiry(Instant.ofEpochMilli(createdAt), e.expiryMinutes()).expiresAt()));
    }

    @EventHandler
    void on(ProxySessionClosedEvent e) {
        store.sessionEnded(e.proxySessionId());
    }

    @EventHandler
    void on(ProxySessionDeletedEvent e) {
        store.sessionEnded(e.proxySessionId());
    }

    @ResetHandler
    void reset() {
        store.clear();
    }

    private void schedule(String voiceConnectorId, Instant expiresAt) {
        store.schedule(voiceConnectorId, minuteOf(expiresAt));
    }

    static long minuteOf(Instant instant) {
        return Math.floorDiv(instant.getEpochSecond(), 60);
    }

    /** The earliest minute with work, or null when nothing was ever scheduled. */
    Long cursor() {
        return store.cursor();
    }

    List<String> connectorsExpiringIn(long minute) {
        return store.connectorsExpiringIn(minute);
    }

    /** Done with a fully past minute: drop its bucket and move the cursor on, unless it moved back meanwhile. */
    void finish(long minute) {
        store.finish(minute);
    }
}
