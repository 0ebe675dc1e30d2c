package io.proxyline.query.webhook;

import static io.proxyline.query.webhook.WebhookTestApp.SECRETS;
import static io.proxyline.query.webhook.WebhookTestApp.subscribe;
import static io.proxyline.query.webhook.WebhookTestApp.unsubscribe;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.proxyline.query.stream.StreamStory;
import io.proxyline.testing.SignedHttp;
import io.proxyline.testing.TestCredentials;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Webhook deliveries against real HTTP receivers: order, signatures, retries with backoff,
 * timeouts, filters, account isolation, a stuck receiver beside a healthy one, deletion, and the
 * status the API shows. Each test uses its own connectors and subscriptions in one application.
 */
class WebhookDeliveryTest {
    static final Duration WAIT = Duration.ofSeconds(20);
    static final String A = TestCredentials.ACCOUNT_ID;
    static final String B = TestCredentials.OTHER_ACCOUNT_ID;
    static final ObjectMapper JSON = new ObjectMapper();

    static ConfigurableApplicationContext app;
    static StreamStory story;
    static SignedHttp http;
    static SignedHttp otherHttp;
    final List<Receiver> receivers = Collections.synchronizedList(new ArrayList<>());

    @BeforeAll
    static void start() throws Exception {
        app = WebhookTestApp.start(Files.createTempDirectory("proxyline-webhooks"));
        story = new StreamStory(app.getBean(EventStore.class)).recordedNow();
        http = SignedHttp.to(WebhookTestApp.endpoint(app));
        otherHttp = http.as(TestCredentials.OTHER_ACCESS_KEY_ID, TestCredentials.OTHER_SECRET_ACCESS_KEY);
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    Receiver receiver() throws Exception {
        Receiver r = new Receiver();
        receivers.add(r);
        return r;
    }

    @org.junit.jupiter.api.AfterEach
    void closeReceivers() {
        receivers.forEach(Receiver::close);
    }

    static List<String> ids(List<DomainEventMessage<?>> events) {
        return events.stream().map(DomainEventMessage::getIdentifier).toList();
    }

    @Test
    void deliversTheAccountsEventsInOrderAsSignedCloudEventsAndNothingOfAnotherAccount() throws Exception {
        Receiver receiver = receiver();
        subscribe(story, A, "sub-order", receiver.url(), List.of(), null);
        List<DomainEventMessage<?>> mine = new ArrayList<>();
        mine.add(story.connector("vc-order", A));
        story.connector("vc-order-b", B);
        mine.add(story.config("vc-order", A));
        story.session("vc-order-b", "s-b", B);
        for (int i = 0; i < 10; i++) {
            mine.add(story.session("vc-order", "s-order-" + i, A));
            mine.add(story.update("vc-order", "s-order-" + i, A));
        }
        story.update("vc-order-b", "s-b", B);
        mine.add(story.delete("vc-order", "s-order-0", A));

        await().atMost(WAIT).until(() -> receiver.deliveredIds().size() >= mine.size());
        assertThat(receiver.deliveredIds()).containsExactlyElementsOf(ids(mine));
        String secret = SECRETS.secretOf("sub-order");
        for (Receiver.Request r : receiver.snapshot()) {
            assertThat(r.header("content-type")).isEqualTo("application/cloudevents+json; charset=utf-8");
            assertThat(Signatures.verify(secret, r.header("webhook-id"), r.header("webhook-timestamp"),
                    r.header("webhook-signature"), r.body())).as("signature of %s", r.header("webhook-id")).isTrue();
            assertThat(Long.parseLong(r.header("webhook-timestamp")))
                    .isCloseTo(Instant.now().getEpochSecond(), org.assertj.core.data.Offset.offset(60L));
            JsonNode event = JSON.readTree(r.body());
            assertThat(event.path("specversion").asText()).isEqualTo("1.0");
            assertThat(event.path("id").asText()).isEqualTo(r.header("webhook-id"));
            assertThat(event.path("data").path("VoiceConnectorId").asText()).isEqualTo("vc-order");
        }
        JsonNode first = JSON.readTree(receiver.snapshot().get(0).body());
        assertThat(first.path("type").asText()).isEqualTo("io.proxyline.VoiceConnectorCreated");
        assertThat(first.path("subject").asText()).isEqualTo("voice-connectors/vc-order");
        // Another secret (another subscription's) does not verify: the check is not vacuous.
        Receiver.Request any = receiver.snapshot().get(0);
        assertThat(Signatures.verify(SECRETS.secretOf("sub-other"), any.header("webhook-id"),
                any.header("webhook-timestamp"), any.header("webhook-signature"), any.body())).isFalse();

        await().atMost(WAIT).until(() -> status("sub-order").path("DeliveredEvents").asLong() == mine.size());
        JsonNode status = status("sub-order");
        assertThat(status.path("State").asText()).isEqualTo("Delivering");
        assertThat(status.path("LastEventId").asText()).isEqualTo(mine.get(mine.size() - 1).getIdentifier());
        assertThat(status.path("TotalFailures").asLong()).isZero();
        assertThat(status.path("Position").asText()).startsWith("g:");
    }

    @Test
    void aFailingReceiverIsRetriedWithBackoffAndTheOrderHolds() throws Exception {
        Receiver receiver = receiver().answer(500, 503, 404);
        subscribe(story, A, "sub-retry", receiver.url(), List.of(), "vc-retry");
        List<DomainEventMessage<?>> mine = List.of(story.connector("vc-retry", A), story.config("vc-retry", A),
                story.session("vc-retry", "s-retry", A));

        await().atMost(WAIT).until(() -> receiver.deliveredIds().size() >= 3);
        List<Receiver.Request> all = receiver.snapshot();
        String first = mine.get(0).getIdentifier();
        // Three refusals of the first event, then every event once, in order.
        assertThat(receiver.allIds()).containsExactly(first, first, first, first, mine.get(1).getIdentifier(),
                mine.get(2).getIdentifier());
        assertThat(all).extracting(Receiver.Request::answered).containsExactly(500, 503, 404, 200, 200, 200);
        JsonNode status = status("sub-retry");
        assertThat(status.path("TotalFailures").asLong()).isEqualTo(3);
        assertThat(status.path("ConsecutiveFailures").asLong()).isZero();
        assertThat(status.path("LastError").asText()).isEqualTo("HTTP 404");
        assertThat(status.path("DeliveredEvents").asLong()).isEqualTo(3);
        assertThat(status.has("NextAttemptTimestamp")).isFalse();
    }

    @Test
    void aReceiverThatNeverAnswersTimesOutIsRetriedAndNeverHoldsUpAnotherSubscription() throws Exception {
        Receiver stuck = receiver().holding();
        Receiver healthy = receiver();
        subscribe(story, A, "sub-stuck", stuck.url(), List.of(), "vc-stuck");
        subscribe(story, A, "sub-healthy", healthy.url(), List.of(), "vc-stuck");
        List<DomainEventMessage<?>> mine = new ArrayList<>();
        mine.add(story.connector("vc-stuck", A));
        for (int i = 0; i < 5; i++) {
            mine.add(story.session("vc-stuck", "s-stuck-" + i, A));
        }

        await().atMost(WAIT).until(() -> healthy.deliveredIds().size() >= mine.size());
        assertThat(healthy.deliveredIds()).containsExactlyElementsOf(ids(mine));
        await().atMost(WAIT).until(() -> status("sub-stuck").path("ConsecutiveFailures").asLong() >= 2);
        JsonNode stuckStatus = status("sub-stuck");
        assertThat(stuckStatus.path("State").asText()).isEqualTo("Retrying");
        assertThat(stuckStatus.path("LastError").asText()).isEqualTo("no answer within 500 ms");
        assertThat(stuckStatus.path("DeliveredEvents").asLong()).isZero();
        assertThat(stuckStatus.has("NextAttemptTimestamp")).isTrue();

        stuck.release();
        await().atMost(WAIT).until(() -> status("sub-stuck").path("DeliveredEvents").asLong() == mine.size());
        // Timed-out attempts may have been answered late; what counts is the order of first deliveries.
        assertThat(stuck.deliveredIds().stream().distinct().toList()).containsExactlyElementsOf(ids(mine));
    }

    @Test
    void filtersByTypeAndConnector() throws Exception {
        Receiver receiver = receiver();
        subscribe(story, A, "sub-filter", receiver.url(), List.of("ProxySessionCreated", "ProxySessionDeleted"),
                "vc-filter-1");
        story.connector("vc-filter-1", A);
        story.connector("vc-filter-2", A);
        DomainEventMessage<?> created = story.session("vc-filter-1", "s-f1", A);
        story.session("vc-filter-2", "s-f2", A);
        story.update("vc-filter-1", "s-f1", A);
        DomainEventMessage<?> deleted = story.delete("vc-filter-1", "s-f1", A);

        await().atMost(WAIT).until(() -> receiver.deliveredIds().size() >= 2);
        DomainEventMessage<?> barrier = story.delete("vc-filter-1", "s-never-existed-but-recorded", A);
        await().atMost(WAIT).until(() -> receiver.deliveredIds().size() >= 3);
        assertThat(receiver.deliveredIds()).containsExactly(created.getIdentifier(), deleted.getIdentifier(),
                barrier.getIdentifier());
    }

    @Test
    void aDeletedSubscriptionGetsNothingMore() throws Exception {
        Receiver gone = receiver();
        Receiver staying = receiver();
        subscribe(story, A, "sub-gone", gone.url(), List.of(), "vc-gone");
        subscribe(story, A, "sub-staying", staying.url(), List.of(), "vc-gone");
        DomainEventMessage<?> before = story.connector("vc-gone", A);
        await().atMost(WAIT).until(() -> gone.deliveredIds().size() == 1);
        unsubscribe(story, A, "sub-gone");
        await().atMost(WAIT).until(() -> !app.getBean(WebhookDispatcher.class).delivering().contains("sub-gone"));
        DomainEventMessage<?> after = story.config("vc-gone", A);
        // The healthy subscription getting the later event is the barrier: the deleted one had its chance.
        await().atMost(WAIT).until(() -> staying.deliveredIds().size() == 2);
        assertThat(staying.deliveredIds()).containsExactly(before.getIdentifier(), after.getIdentifier());
        assertThat(gone.allIds()).containsExactly(before.getIdentifier());
        assertThat(http.get("/event-subscriptions/sub-gone").status()).isEqualTo(404);
    }

    @Test
    void anAccountSeesOnlyItsOwnSubscriptionsAndNeverTheSecret() throws Exception {
        Receiver mine = receiver();
        Receiver theirs = receiver();
        subscribe(story, A, "sub-iso-a", mine.url(), List.of("ProxySessionCreated"), null);
        subscribe(story, B, "sub-iso-b", theirs.url(), List.of("ProxySessionCreated"), null);
        story.connector("vc-iso-a", A);
        story.connector("vc-iso-b", B);
        DomainEventMessage<?> a = story.session("vc-iso-a", "s-iso-a", A);
        DomainEventMessage<?> b = story.session("vc-iso-b", "s-iso-b", B);
        await().atMost(WAIT).until(() -> mine.deliveredIds().contains(a.getIdentifier())
                && theirs.deliveredIds().contains(b.getIdentifier()));
        assertThat(mine.allIds()).doesNotContain(b.getIdentifier());
        assertThat(theirs.allIds()).containsExactly(b.getIdentifier());

        assertThat(otherHttp.get("/event-subscriptions/sub-iso-a").status()).isEqualTo(404);
        SignedHttp.Response own = http.get("/event-subscriptions/sub-iso-a");
        assertThat(own.status()).isEqualTo(200);
        assertThat(own.json().path("EventSubscription").path("Url").asText()).isEqualTo(mine.url());
        assertThat(own.json().path("EventSubscription").path("EventTypes").get(0).asText())
                .isEqualTo("ProxySessionCreated");
        assertThat(own.text()).doesNotContain("SigningSecret").doesNotContain(SECRETS.secretOf("sub-iso-a"));
        List<String> listedByB = new ArrayList<>();
        otherHttp.get("/event-subscriptions").json().path("EventSubscriptions")
                .forEach(s -> listedByB.add(s.path("EventSubscriptionId").asText()));
        assertThat(listedByB).contains("sub-iso-b").doesNotContain("sub-iso-a");
    }

    @Test
    void listingPagesThroughTheAccountsSubscriptionsOldestFirst() throws Exception {
        Receiver receiver = receiver();
        String account = B;
        Set<String> before = listed(otherHttp, 100);
        for (int i = 0; i < 3; i++) {
            subscribe(story, account, "sub-page-" + i, receiver.url(), List.of("NumbersAdded"), "vc-page");
        }
        List<String> paged = new ArrayList<>();
        String token = null;
        do {
            SignedHttp.Response page = otherHttp.get("/event-subscriptions?max-results=1"
                    + (token == null ? "" : "&next-token=" + java.net.URLEncoder.encode(token,
                    java.nio.charset.StandardCharsets.UTF_8)));
            assertThat(page.status()).as(page.text()).isEqualTo(200);
            page.json().path("EventSubscriptions").forEach(s -> paged.add(s.path("EventSubscriptionId").asText()));
            token = page.json().has("NextToken") ? page.json().path("NextToken").asText() : null;
        } while (token != null);
        assertThat(paged.stream().filter(id -> !before.contains(id)).toList())
                .containsExactly("sub-page-0", "sub-page-1", "sub-page-2");
        assertThat(otherHttp.get("/event-subscriptions?next-token=garbage").status()).isEqualTo(400);
    }

    private static Set<String> listed(SignedHttp as, int max) {
        Set<String> out = new java.util.HashSet<>();
        as.get("/event-subscriptions?max-results=" + max).json().path("EventSubscriptions")
                .forEach(s -> out.add(s.path("EventSubscriptionId").asText()));
        return out;
    }

    static JsonNode status(String subscription) {
        SignedHttp.Response r = http.get("/event-subscriptions/" + subscription);
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        return r.json().path("EventSubscription").path("DeliveryStatus");
    }
}
