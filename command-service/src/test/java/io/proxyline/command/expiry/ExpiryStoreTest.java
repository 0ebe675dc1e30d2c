package io.proxyline.command.expiry;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.proxyline.api.session.CloseExpiredSessionsCommand;
import io.proxyline.api.session.Capability;
import io.proxyline.api.session.NumberSelectionBehavior;
import io.proxyline.api.session.ProxySessionCreatedEvent;
import io.proxyline.api.session.ProxySessionUpdatedEvent;
import io.proxyline.command.MutableClock;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Both profiles' expiry stores, driven through the schedule projection and the sweeper. */
class ExpiryStoreTest {
    static final Instant T0 = Instant.parse("2026-01-01T10:00:30Z");
    static MongoServer server;
    static MongoClient client;

    @BeforeAll
    static void startMongo() {
        server = new MongoServer(new MemoryBackend());
        InetSocketAddress address = server.bind();
        client = MongoClients.create("mongodb://" + address.getHostString() + ":" + address.getPort());
    }

    @AfterAll
    static void stopMongo() {
        client.close();
        server.shutdownNow();
    }

    static List<Function<String, ExpiryStore>> stores() {
        return List.of(
                name -> {
                    JdbcDataSource h2 = new JdbcDataSource();
                    h2.setURL("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1");
                    return new JdbcExpiryStore(h2);
                },
                name -> new MongoExpiryStore(client.getDatabase(name)));
    }

    private static ExpiryStore fresh(Function<String, ExpiryStore> kind) {
        return kind.apply("t" + UUID.randomUUID().toString().replace("-", ""));
    }

    private static ProxySessionCreatedEvent created(String vc, String id, int expiryMinutes, Instant at) {
        return new ProxySessionCreatedEvent(vc, "111111111111", id, 0, List.of("+12065550100", "+12065550101"),
                "+12065550199", Set.of(Capability.VOICE), expiryMinutes, null, NumberSelectionBehavior.PREFER_STICKY,
                null, null, at);
    }

    @ParameterizedTest
    @MethodSource("stores")
    void theCursorIsTheEarliestScheduledMinuteAndBucketsListTheirConnectors(Function<String, ExpiryStore> kind) {
        ExpirySchedule schedule = new ExpirySchedule(fresh(kind));
        long minute = ExpirySchedule.minuteOf(T0);
        assertThat(schedule.cursor()).isNull();

        schedule.on(created("vc1", "s1", 10, T0));
        schedule.on(created("vc2", "s2", 5, T0));
        schedule.on(created("vc1", "s3", 5, T0));
        schedule.on(created("vc1", "s3", 5, T0)); // redelivered

        assertThat(schedule.cursor()).isEqualTo(minute + 5);
        assertThat(schedule.connectorsExpiringIn(minute + 5)).containsExactlyInAnyOrder("vc1", "vc2");
        assertThat(schedule.connectorsExpiringIn(minute + 10)).containsExactly("vc1");
        assertThat(schedule.connectorsExpiringIn(minute + 6)).isEmpty();

        // An update reschedules from the creation instant the schedule remembered.
        schedule.on(new ProxySessionUpdatedEvent("vc1", "s1", Set.of(Capability.VOICE), 2, T0.plusSeconds(5)));
        assertThat(schedule.cursor()).isEqualTo(minute + 2);
        assertThat(schedule.connectorsExpiringIn(minute + 2)).containsExactly("vc1");

        schedule.finish(minute + 2);
        assertThat(schedule.cursor()).isEqualTo(minute + 3);
        assertThat(schedule.connectorsExpiringIn(minute + 2)).isEmpty();
        // A finish of a minute the cursor has moved back from leaves the cursor alone.
        schedule.on(created("vc3", "s4", 1, T0));
        schedule.finish(minute + 3);
        assertThat(schedule.cursor()).isEqualTo(minute + 1);

        schedule.reset();
        assertThat(schedule.cursor()).isNull();
        assertThat(schedule.connectorsExpiringIn(minute + 5)).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("stores")
    void anEndedSessionIsNoLongerRescheduledByAnUpdate(Function<String, ExpiryStore> kind) {
        ExpiryStore store = fresh(kind);
        ExpirySchedule schedule = new ExpirySchedule(store);
        schedule.on(created("vc1", "s1", 10, T0));
        assertThat(store.createdAt("s1")).contains(T0.toEpochMilli());

        schedule.on(new io.proxyline.api.session.ProxySessionClosedEvent("vc1", "s1",
                io.proxyline.api.session.CloseReason.EXPIRED, T0.plusSeconds(600)));
        schedule.on(new ProxySessionUpdatedEvent("vc1", "s1", Set.of(Capability.VOICE), 1, T0.plusSeconds(5)));

        assertThat(store.createdAt("s1")).isEmpty();
        assertThat(schedule.cursor()).isEqualTo(ExpirySchedule.minuteOf(T0) + 10);
    }

    @ParameterizedTest
    @MethodSource("stores")
    void theSweeperClosesEachConnectorOfEveryPastMinuteOnceAndMovesOn(Function<String, ExpiryStore> kind) {
        ExpirySchedule schedule = new ExpirySchedule(fresh(kind));
        schedule.on(created("vc1", "s1", 1, T0));
        schedule.on(created("vc2", "s2", 3, T0));
        List<String> closed = new ArrayList<>();
        CommandBus bus = SimpleCommandBus.builder().build();
        bus.subscribe(CloseExpiredSessionsCommand.class.getName(), (CommandMessage<?> c) -> {
            closed.add(((CloseExpiredSessionsCommand) c.getPayload()).voiceConnectorId());
            return null;
        });
        MutableClock clock = new MutableClock(T0);
        ExpirySweeper sweeper = new ExpirySweeper(schedule, DefaultCommandGateway.builder().commandBus(bus).build(), clock);
        long minute = ExpirySchedule.minuteOf(T0);

        sweeper.sweep();
        assertThat(closed).isEmpty();

        clock.set(T0.plusSeconds(60));
        sweeper.sweep();
        assertThat(closed).containsExactly("vc1");
        // The current minute is swept again next time (more may expire in it); past ones are finished.
        assertThat(schedule.cursor()).isEqualTo(minute + 1);

        clock.set(T0.plusSeconds(240));
        sweeper.sweep();
        assertThat(closed).containsExactly("vc1", "vc1", "vc2");
        assertThat(schedule.cursor()).isEqualTo(minute + 4);
        assertThat(schedule.connectorsExpiringIn(minute + 1)).isEmpty();
    }
}
