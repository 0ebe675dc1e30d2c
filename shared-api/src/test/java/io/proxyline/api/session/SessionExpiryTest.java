package io.proxyline.api.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class SessionExpiryTest {
    private static final Instant T0 = Instant.parse("2024-03-01T10:00:00Z");
    private static final SessionExpiry HOUR = new SessionExpiry(T0, 60);
    private static final Instant EXPIRY = Instant.parse("2024-03-01T11:00:00Z");

    @Test
    void expiresExpiryMinutesAfterCreation() {
        assertThat(HOUR.expiresAt()).isEqualTo(EXPIRY);
        assertThat(new SessionExpiry(T0, 1).expiresAt()).isEqualTo(T0.plusSeconds(60));
    }

    @Test
    void activeUntilJustBeforeTheExpiryInstant() {
        assertThat(HOUR.activeAt(T0)).isTrue();
        assertThat(HOUR.activeAt(EXPIRY.minusNanos(1))).isTrue();
        assertThat(HOUR.activeAt(EXPIRY)).isFalse();
    }

    @Test
    void anActiveSessionReadsClosedFromItsExpiryInstantOnAndEndedThen() {
        for (SessionStatus active : new SessionStatus[] {SessionStatus.OPEN, SessionStatus.IN_PROGRESS}) {
            assertThat(HOUR.statusAt(active, EXPIRY.minusMillis(1))).isEqualTo(active);
            assertThat(HOUR.endedAt(active, null, EXPIRY.minusMillis(1))).isNull();
            assertThat(HOUR.statusAt(active, EXPIRY)).isEqualTo(SessionStatus.CLOSED);
            assertThat(HOUR.endedAt(active, null, EXPIRY.plusSeconds(3600))).isEqualTo(EXPIRY);
        }
    }

    @Test
    void aRecordedClosingKeepsItsOwnEndedInstant() {
        Instant closed = T0.plusSeconds(600);
        assertThat(HOUR.statusAt(SessionStatus.CLOSED, T0)).isEqualTo(SessionStatus.CLOSED);
        assertThat(HOUR.endedAt(SessionStatus.CLOSED, closed, EXPIRY.plusSeconds(1))).isEqualTo(closed);
    }
}
