package io.proxyline.query.webhook;

import io.cloudevents.CloudEvent;
import io.proxyline.query.consistency.ReadConsistency;
import io.proxyline.query.history.HistoryStore;
import io.proxyline.query.stream.AccountEvents;
import io.proxyline.query.stream.EventFilter;
import io.proxyline.query.webhook.EventSubscriptionStore.Delivery;
import io.proxyline.query.webhook.EventSubscriptionStore.Subscription;
import io.proxyline.webhook.WebhookProperties;
import io.proxyline.webhook.WebhookSecrets;
import io.proxyline.webhook.WebhookUrls;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers one subscription's events, in order, at least once. It reads the event store from the
 * subscription's persisted position; for each event of the account that passes the filter it
 * POSTs the CloudEvent and moves on only after a 2xx, retrying with exponential backoff (with
 * jitter, capped at {@code max-backoff}) for as long as the subscription exists. The position is
 * persisted after each delivery (and, for events passed over, every {@link #PASSED_SAVE_NANOS}),
 * so a restart resumes where it stood: an event whose 2xx arrived but whose position was not yet
 * saved is delivered again (receivers deduplicate by {@code webhook-id}).
 *
 * <p>It runs only while this instance holds the subscription's delivery lease ({@code owner});
 * every write of the position is conditional on it, and the worker ends at the first write that
 * finds the lease gone (another instance took over and resumes from the saved position).
 */
final class WebhookWorker {
    private static final Logger log = LoggerFactory.getLogger(WebhookWorker.class);
    private static final long POLL_MILLIS = 1_000;
    private static final long PASSED_SAVE_NANOS = TimeUnit.SECONDS.toNanos(5);
    static final String CONTENT_TYPE = "application/cloudevents+json; charset=utf-8";

    private final Subscription subscription;
    private final String owner;
    private final String secret;
    private final EventSubscriptionStore store;
    private final EventStore eventStore;
    private final TokenCodec tokens;
    private final AccountEvents accountEvents;
    private final HttpClient http;
    private final WebhookProperties props;
    private final Clock clock;
    private final WebhookMetrics metrics;
    private final URI url;
    private final CountDownLatch cancelled = new CountDownLatch(1);
    private final CountDownLatch ended = new CountDownLatch(1);
    private final Thread thread;

    WebhookWorker(Subscription subscription, String owner, String secret, EventSubscriptionStore store,
                  EventStore eventStore,
                  TokenCodec tokens, HistoryStore owners, ReadConsistency consistency, HttpClient http,
                  WebhookProperties props, Clock clock, WebhookMetrics metrics) {
        this.subscription = subscription;
        this.owner = owner;
        this.secret = secret;
        this.store = store;
        this.eventStore = eventStore;
        this.tokens = tokens;
        this.accountEvents = new AccountEvents(new EventFilter(subscription.accountId(),
                new HashSet<>(subscription.eventTypes()), subscription.voiceConnectorId()), owners, consistency);
        this.http = http;
        this.props = props;
        this.clock = clock;
        this.metrics = metrics;
        this.url = URI.create(subscription.url());
        this.thread = new Thread(this::run, "webhook-" + subscription.id());
        this.thread.setDaemon(true);
    }

    String subscriptionId() {
        return subscription.id();
    }

    void start() {
        thread.start();
    }

    void cancel() {
        cancelled.countDown();
        thread.interrupt();
    }

    boolean ended() {
        return ended.getCount() == 0;
    }

    boolean awaitEnd(long millis) {
        try {
            return ended.await(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private boolean isCancelled() {
        return cancelled.getCount() == 0;
    }

    private void run() {
        try {
            Optional<Delivery> delivery = store.delivery(subscription.id());
            if (delivery.isEmpty()) {
                // Deleted between the dispatcher's read and now.
                return;
            }
            TrackingToken start = tokens.decode(delivery.get().position());
            try (BlockingStream<TrackedEventMessage<?>> events = eventStore.openStream(start)) {
                TrackingToken passed = null;
                long passedSince = System.nanoTime();
                while (!isCancelled()) {
                    if (!events.hasNextAvailable((int) POLL_MILLIS, TimeUnit.MILLISECONDS)) {
                        if (passed != null && System.nanoTime() - passedSince >= PASSED_SAVE_NANOS) {
                            if (!savePassed(passed)) {
                                return;
                            }
                            passed = null;
                        }
                        continue;
                    }
                    TrackedEventMessage<?> message = events.nextAvailable();
                    Optional<CloudEvent> event = accountEvents.select(message);
                    if (event.isEmpty()) {
                        if (passed == null) {
                            passedSince = System.nanoTime();
                        }
                        passed = message.trackingToken();
                        if (System.nanoTime() - passedSince >= PASSED_SAVE_NANOS) {
                            if (!savePassed(passed)) {
                                return;
                            }
                            passed = null;
                        }
                        continue;
                    }
                    passed = null;
                    if (!deliver(event.get(), message.trackingToken())) {
                        return;
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            if (!isCancelled()) {
                log.warn("Webhook deliveries of subscription {} stopped; they resume from the saved position",
                        subscription.id(), e);
            }
        } finally {
            ended.countDown();
        }
    }

    private boolean savePassed(TrackingToken passed) {
        return leaseHeld(store.passed(subscription.id(), owner, tokens.encode(passed), tokens.text(passed)));
    }

    private boolean leaseHeld(boolean written) {
        if (!written && !isCancelled()) {
            log.info("Webhook deliveries of subscription {} stop on this instance: its lease is held elsewhere "
                    + "(or the subscription was deleted)", subscription.id());
        }
        return written;
    }

    /** Attempts until a 2xx; false if cancelled first or the lease was lost. */
    private boolean deliver(CloudEvent event, TrackingToken position) throws InterruptedException {
        byte[] body = AccountEvents.serialize(event).getBytes(StandardCharsets.UTF_8);
        long failures = 0;
        while (!isCancelled()) {
            long start = System.nanoTime();
            Optional<String> refused = WebhookUrls.problem(subscription.url(), props.allowPrivateAddresses());
            String error = refused.orElse(null);
            String reason = refused.isPresent() ? "refused_url" : null;
            if (error == null) {
                error = attempt(event.getId(), body);
                reason = reasonOf(error);
            }
            metrics.attempted(reason, System.nanoTime() - start);
            if (error == null) {
                return leaseHeld(store.delivered(subscription.id(), owner, tokens.encode(position),
                        tokens.text(position), event.getId(), clock.instant()));
            }
            failures++;
            Duration backoff = backoff(failures);
            Instant now = clock.instant();
            if (!leaseHeld(store.failed(subscription.id(), owner, error, now, now.plus(backoff)))) {
                return false;
            }
            log.debug("Webhook delivery of {} to subscription {} failed ({}); next attempt in {}", event.getId(),
                    subscription.id(), error, backoff);
            if (cancelled.await(backoff.toMillis(), TimeUnit.MILLISECONDS)) {
                return false;
            }
        }
        return false;
    }

    /** The metric's reason for what {@link #attempt} answered; null for a delivery. */
    static String reasonOf(String error) {
        if (error == null) return null;
        if (error.startsWith("HTTP 4")) return "http_4xx";
        if (error.startsWith("HTTP 5")) return "http_5xx";
        if (error.startsWith("HTTP ")) return "http_other";
        if (error.startsWith("no answer within")) return "timeout";
        return "connection";
    }

    /** One POST; null on a 2xx, otherwise what went wrong. */
    private String attempt(String eventId, byte[] body) throws InterruptedException {
        long timestamp = clock.instant().getEpochSecond();
        HttpRequest request = HttpRequest.newBuilder(url)
                .timeout(props.timeout())
                .header("Content-Type", CONTENT_TYPE)
                .header("User-Agent", "Proxyline-Webhooks/1")
                .header("webhook-id", eventId)
                .header("webhook-timestamp", Long.toString(timestamp))
                .header("webhook-signature", WebhookSecrets.signature(secret, eventId, timestamp, body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        try {
            HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
            int status = response.statusCode();
            return status >= 200 && status < 300 ? null : "HTTP " + status;
        } catch (HttpTimeoutException e) {
            return "no answer within " + props.timeout().toMillis() + " ms";
        } catch (IOException e) {
            return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        }
    }

    /** initial × 2^(failures-1), capped; the second half jittered so many failing subscriptions spread out. */
    Duration backoff(long failures) {
        long initial = props.initialBackoff().toMillis();
        long max = props.maxBackoff().toMillis();
        long exp = failures >= 40 ? max : Math.min(max, initial << Math.min(failures - 1, 40));
        long half = exp / 2;
        return Duration.ofMillis(half + ThreadLocalRandom.current().nextLong(half + 1));
    }
}
