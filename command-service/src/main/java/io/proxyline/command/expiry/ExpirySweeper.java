package io.proxyline.command.expiry;

import io.proxyline.api.session.CloseExpiredSessionsCommand;
import java.time.Clock;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Records the closing of expired sessions, about a second after the fact. Sessions are already
 * treated as closed from their expiry instant without it (the aggregate and the read side both
 * compare with the clock); this puts the closing in the history and the read model for good.
 * Several instances may sweep at once: a second close of the same session records nothing.
 */
@Component
class ExpirySweeper {
    private static final Logger log = LoggerFactory.getLogger(ExpirySweeper.class);
    private final ExpirySchedule schedule;
    private final CommandGateway commands;
    private final Clock clock;

    ExpirySweeper(ExpirySchedule schedule, CommandGateway commands, Clock clock) {
        this.schedule = schedule;
        this.commands = commands;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${proxyline.expiry.sweep-interval:1s}", initialDelayString = "${proxyline.expiry.sweep-interval:1s}")
    void sweep() {
        Long from = schedule.cursor();
        if (from == null) return;
        long current = ExpirySchedule.minuteOf(clock.instant());
        for (long minute = from; minute <= current; minute++) {
            for (String vc : schedule.connectorsExpiringIn(minute)) {
                try {
                    commands.sendAndWait(new CloseExpiredSessionsCommand(vc));
                } catch (AggregateNotFoundException deleted) {
                    // a deleted connector has nothing left to close
                } catch (RuntimeException e) {
                    log.warn("Could not record expiries of voice connector {}: {}", vc, e.toString());
                    return;
                }
            }
            if (minute < current) schedule.finish(minute);
        }
    }
}
