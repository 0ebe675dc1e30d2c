package io.proxyline.command;

import static org.assertj.core.api.Assertions.assertThat;

import io.proxyline.api.wire.ProxyRejected;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.modelling.command.ConcurrencyException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ConflictRetrySchedulerTest {
    ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor();
    ConflictRetryScheduler scheduler = new ConflictRetryScheduler(executor, 3, 1);

    @AfterEach
    void stop() {
        executor.shutdownNow();
    }

    @SuppressWarnings("unchecked")
    static List<Class<? extends Throwable>[]> failures(int n) {
        List<Class<? extends Throwable>[]> out = new ArrayList<>();
        for (int i = 0; i < n; i++) out.add(new Class[] {ConcurrencyException.class});
        return out;
    }

    @Test
    void retriesALostConcurrencyRace() {
        assertThat(scheduler.scheduleRetry(GenericCommandMessage.asCommandMessage("c"),
                new ConcurrencyException("lost"), failures(1), () -> {})).isTrue();
    }

    @Test
    void neverRetriesARuleViolation() {
        assertThat(scheduler.scheduleRetry(GenericCommandMessage.asCommandMessage("c"),
                ProxyRejected.badRequest("no"), failures(1), () -> {})).isFalse();
    }

    @Test
    void givesUpAfterTheLimit() {
        assertThat(scheduler.scheduleRetry(GenericCommandMessage.asCommandMessage("c"),
                new ConcurrencyException("lost"), failures(4), () -> {})).isFalse();
    }
}
