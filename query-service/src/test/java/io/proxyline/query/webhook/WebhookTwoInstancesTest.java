package io.proxyline.query.webhook;

import static io.proxyline.query.webhook.WebhookTestApp.subscribe;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.proxyline.query.stream.StreamStory;
import io.proxyline.testing.TestCredentials;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Two query-service instances on one MongoDB (the production profile: Axon's Mongo event store,
 * read models and delivery state shared, here on mongo-java-server): each subscription's events
 * reach its receiver once, not once per instance; when the instance holding a subscription's
 * lease dies, the other takes over within the lease duration plus one renewal period and resumes
 * from the saved position, so no event is missing.
 */
class WebhookTwoInstancesTest {
    static final Duration LEASE = Duration.ofMillis(1500);
    /** Lease plus one renewal period (a third of it), and a margin for a loaded machine. */
    static final Duration TAKEOVER_BOUND = LEASE.plus(LEASE.dividedBy(3)).plusSeconds(3);
    static final Duration WAIT = Duration.ofSeconds(30);
    static final String A = TestCredentials.ACCOUNT_ID;

    MongoServer mongo;
    final List<ConfigurableApplicationContext> instances = new ArrayList<>();
    final List<Receiver> receivers = new ArrayList<>();

    @BeforeEach
    void startTwoInstances() throws Exception {
        mongo = new MongoServer(new MemoryBackend());
        mongo.bind("127.0.0.1", 0);
        InetSocketAddress address = mongo.getLocalAddress();
        String uri = "mongodb://127.0.0.1:" + address.getPort();
        for (int i = 0; i < 2; i++) {
            instances.add(WebhookTestApp.startOnMongo(Files.createTempDirectory("proxyline-webhooks-two"), uri,
                    "proxyline.webhooks.lease-duration=" + LEASE.toMillis() + "ms"));
        }
    }

    @AfterEach
    void stop() {
        instances.forEach(ConfigurableApplicationContext::close);
        receivers.forEach(Receiver::close);
        mongo.shutdownNow();
    }

    Receiver receiver() throws Exception {
        Receiver r = new Receiver();
        receivers.add(r);
        return r;
    }

    /** Waits until the receiver got no request for a whole second. */
    static void quiet(Receiver receiver) {
        AtomicInteger seen = new AtomicInteger(-1);
        await().atMost(WAIT).pollInterval(Duration.ofSeconds(1))
                .until(() -> seen.getAndSet(receiver.allIds().size()) == receiver.allIds().size());
    }

    static Map<String, Long> deliveriesPerEvent(Receiver receiver) {
        return receiver.deliveredIds().stream().collect(Collectors.groupingBy(Function.identity(),
                Collectors.counting()));
    }

    @Test
    void eachEventIsDeliveredOncePerSubscriptionAndTheOtherInstanceTakesOverWhenTheHolderDies() throws Exception {
        ConfigurableApplicationContext first = instances.get(0);
        StreamStory story = new StreamStory(first.getBean(EventStore.class)).stampedAtAppend();
        EventSubscriptionStore store = first.getBean(EventSubscriptionStore.class);
        List<String> subscriptions = List.of("sub-two-1", "sub-two-2", "sub-two-3");
        List<Receiver> byIndex = new ArrayList<>();
        for (String id : subscriptions) {
            Receiver receiver = receiver();
            byIndex.add(receiver);
            subscribe(story, A, id, receiver.url(), List.of(), null);
        }
        await().atMost(WAIT).until(() -> subscriptions.stream()
                .allMatch(id -> store.leaseOwner(id).isPresent()));

        List<DomainEventMessage<?>> events = new ArrayList<>();
        events.add(story.connector("vc-two", A));
        events.add(story.config("vc-two", A));
        for (int i = 0; i < 28; i++) {
            events.add(story.session("vc-two", "s-two-" + i, A));
        }
        List<String> ids = events.stream().map(DomainEventMessage::getIdentifier).toList();
        for (int i = 0; i < subscriptions.size(); i++) {
            Receiver receiver = byIndex.get(i);
            String id = subscriptions.get(i);
            await().atMost(WAIT).until(() -> receiver.deliveredIds().size() >= ids.size());
            // Both instances keep running: a second delivery of anything would arrive meanwhile.
            quiet(receiver);
            assertThat(deliveriesPerEvent(receiver)).as(id)
                    .containsOnlyKeys(ids)
                    .allSatisfy((event, count) -> assertThat(count).isEqualTo(1L));
            await().atMost(WAIT).until(() -> store.delivery(id).orElseThrow().delivered() == ids.size());
        }

        // The instance holding the first subscription's lease dies (its leases are left held).
        String holder = store.leaseOwner(subscriptions.get(0)).orElseThrow();
        ConfigurableApplicationContext dying = instances.stream()
                .filter(c -> c.getBean(WebhookDispatcher.class).instanceId().equals(holder)).findFirst()
                .orElseThrow();
        ConfigurableApplicationContext survivor = instances.get(instances.indexOf(dying) == 0 ? 1 : 0);
        String survivorId = survivor.getBean(WebhookDispatcher.class).instanceId();
        List<String> heldByTheDying = subscriptions.stream()
                .filter(id -> holder.equals(store.leaseOwner(id).orElse(null))).toList();
        long died = System.nanoTime();
        dying.getBean(WebhookDispatcher.class).halt();
        StreamStory afterwards = story.continuedIn(survivor.getBean(EventStore.class));
        List<String> later = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            later.add(afterwards.update("vc-two", "s-two-" + i, A).getIdentifier());
        }
        EventSubscriptionStore survivorStore = survivor.getBean(EventSubscriptionStore.class);
        await().atMost(TAKEOVER_BOUND).pollInterval(Duration.ofMillis(20)).until(() -> heldByTheDying.stream()
                .allMatch(id -> survivorId.equals(survivorStore.leaseOwner(id).orElse(null))));
        Duration takeover = Duration.ofNanos(System.nanoTime() - died);
        Receiver firstReceiver = byIndex.get(0);
        await().atMost(WAIT).until(() -> firstReceiver.deliveredIds().size() >= ids.size() + later.size());
        Duration caughtUp = Duration.ofNanos(System.nanoTime() - died);

        List<String> all = new ArrayList<>(ids);
        all.addAll(later);
        for (int i = 0; i < subscriptions.size(); i++) {
            Receiver receiver = byIndex.get(i);
            await().atMost(WAIT).until(() -> receiver.deliveredIds().size() >= all.size());
            quiet(receiver);
            assertThat(deliveriesPerEvent(receiver)).as(subscriptions.get(i))
                    .containsOnlyKeys(all)
                    .allSatisfy((event, count) -> assertThat(count).isEqualTo(1L));
        }
        System.out.printf("two instances: %d subscriptions x %d events, each delivered once; %d leases of the dead "
                        + "instance taken over after %d ms (bound %d ms), its receiver caught up after %d ms%n",
                subscriptions.size(), all.size(), heldByTheDying.size(), takeover.toMillis(),
                TAKEOVER_BOUND.toMillis(), caughtUp.toMillis());
        // Not taken before the dead holder's last renewal expired (renewed at most one period before it died).
        assertThat(takeover).isGreaterThanOrEqualTo(LEASE.minus(LEASE.dividedBy(3)).minusMillis(200));
    }
}
