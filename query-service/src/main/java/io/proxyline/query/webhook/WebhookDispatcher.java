package io.proxyline.query.webhook;

import io.proxyline.query.consistency.ReadConsistency;
import io.proxyline.query.history.HistoryStore;
import io.proxyline.query.webhook.EventSubscriptionStore.Subscription;
import io.proxyline.webhook.WebhookProperties;
import io.proxyline.webhook.WebhookSecrets;
import java.io.IOException;
import java.net.InetAddress;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Runs one delivery worker per subscription ({@link WebhookWorker}), each on a thread of its own
 * reading the event store from its own persisted position: a slow or dead receiver holds up only
 * its own subscription, and nothing on the command path waits for any of them. The set of
 * workers follows the subscriptions read model: the projection wakes this dispatcher after each
 * change, and it also looks every renewal period (a change made through another instance, a
 * replay).
 *
 * <p>With several query-service instances, each subscription is delivered by one of them: the
 * holder of its delivery lease in the shared read-model store. Each period (a third of
 * {@code proxyline.webhooks.lease-duration}, at most 5 s) this dispatcher renews the leases of
 * its running workers, stops a worker whose lease it lost, and tries to take the lease of every
 * subscription that no instance holds or whose holder let it expire — an instance that died
 * stops renewing, so another takes over within lease-duration plus one period and resumes from
 * the subscription's saved position. An orderly shutdown releases its leases at once.
 *
 * <p>Off when {@code proxyline.webhooks.deliver=false} or when the deployment has no signing key.
 */
@Component
class WebhookDispatcher implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(WebhookDispatcher.class);
    static final long MAX_PERIOD_MILLIS = 5_000;

    private final EventSubscriptionStore store;
    private final ObjectProvider<EventStore> eventStore;
    private final TokenCodec tokens;
    private final HistoryStore owners;
    private final ReadConsistency consistency;
    private final WebhookSecrets secrets;
    private final WebhookProperties props;
    private final Clock clock;
    private final String instanceId;
    private final long periodMillis;
    private final WebhookMetrics metrics;
    private final Semaphore wake = new Semaphore(0);
    private final Map<String, WebhookWorker> workers = new HashMap<>();
    private HttpClient http;
    private Thread reconciler;
    private volatile boolean running;

    WebhookDispatcher(EventSubscriptionStore store, ObjectProvider<EventStore> eventStore, TokenCodec tokens,
                      HistoryStore owners, ReadConsistency consistency, WebhookSecrets secrets,
                      WebhookProperties props, WebhookMetrics metrics) {
        this.store = store;
        this.eventStore = eventStore;
        this.tokens = tokens;
        this.owners = owners;
        this.consistency = consistency;
        this.secrets = secrets;
        this.props = props;
        this.metrics = metrics;
        // Delivery timestamps are real time whatever Clock the application runs on (receivers check them).
        this.clock = Clock.systemUTC();
        this.instanceId = instanceName() + "-" + UUID.randomUUID().toString().substring(0, 8);
        this.periodMillis = Math.min(MAX_PERIOD_MILLIS, props.leaseDuration().toMillis() / 3);
    }

    private static String instanceName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "query-service";
        }
    }

    /** This instance's name in the leases it holds. */
    String instanceId() {
        return instanceId;
    }

    /** Asks for a look at the subscriptions now rather than at the next period. */
    void reconcileSoon() {
        wake.release();
    }

    @Override
    public void start() {
        if (!props.deliver()) {
            log.info("Webhook deliveries are off on this instance (proxyline.webhooks.deliver=false)");
            return;
        }
        if (!secrets.enabled()) {
            log.info("Webhook deliveries are off: no proxyline.webhooks.signing-key");
            return;
        }
        http = HttpClient.newBuilder()
                .connectTimeout(props.timeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1)
                .build();
        running = true;
        reconciler = new Thread(this::reconcileLoop, "webhook-dispatcher");
        reconciler.setDaemon(true);
        reconciler.start();
    }

    private void reconcileLoop() {
        while (running) {
            try {
                reconcile();
            } catch (RuntimeException e) {
                log.warn("Could not read the webhook subscriptions or their leases; trying again in {} ms",
                        periodMillis, e);
            }
            try {
                if (wake.tryAcquire(periodMillis, TimeUnit.MILLISECONDS)) {
                    wake.drainPermits();
                }
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private synchronized void reconcile() {
        if (!running) {
            return;
        }
        List<Subscription> current = store.all();
        Set<String> ids = new HashSet<>();
        for (Subscription subscription : current) {
            ids.add(subscription.id());
            WebhookWorker worker = workers.get(subscription.id());
            Instant now = clock.instant();
            Instant until = now.plus(props.leaseDuration());
            if (worker != null && !worker.ended()) {
                if (!store.renew(subscription.id(), instanceId, until)) {
                    log.info("Lost the delivery lease of subscription {}; another instance delivers it",
                            subscription.id());
                    worker.cancel();
                    workers.remove(subscription.id());
                }
                continue;
            }
            workers.remove(subscription.id());
            if (store.acquire(subscription.id(), instanceId, now, until)) {
                WebhookWorker started = new WebhookWorker(subscription, instanceId,
                        secrets.secretOf(subscription.id()), store, eventStore.getObject(), tokens, owners,
                        consistency, http, props, clock, metrics);
                workers.put(subscription.id(), started);
                started.start();
            }
        }
        workers.entrySet().removeIf(entry -> {
            if (ids.contains(entry.getKey())) {
                return false;
            }
            entry.getValue().cancel();
            return true;
        });
    }

    /** The subscriptions this instance is delivering now, for tests and status. */
    synchronized Set<String> delivering() {
        Set<String> out = new HashSet<>();
        workers.forEach((id, worker) -> {
            if (!worker.ended()) {
                out.add(id);
            }
        });
        return out;
    }

    @Override
    public void stop() {
        if (!running) {
            return;
        }
        running = false;
        if (reconciler != null) {
            reconciler.interrupt();
        }
        List<WebhookWorker> stopping;
        synchronized (this) {
            stopping = List.copyOf(workers.values());
            workers.clear();
        }
        stopping.forEach(WebhookWorker::cancel);
        for (WebhookWorker worker : stopping) {
            if (!worker.awaitEnd(5_000)) {
                log.warn("Webhook worker for subscription {} did not stop within 5 s; its lease expires instead",
                        worker.subscriptionId());
                continue;
            }
            try {
                store.release(worker.subscriptionId(), instanceId);
            } catch (RuntimeException e) {
                log.warn("Could not release the delivery lease of subscription {}; it expires within {}",
                        worker.subscriptionId(), props.leaseDuration(), e);
            }
        }
    }

    /**
     * Stops delivering and renewing at once without releasing any lease, as a process that dies
     * leaves them: for tests of the takeover by another instance.
     */
    void halt() {
        running = false;
        if (reconciler != null) {
            reconciler.interrupt();
        }
        synchronized (this) {
            workers.values().forEach(WebhookWorker::cancel);
            workers.clear();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
