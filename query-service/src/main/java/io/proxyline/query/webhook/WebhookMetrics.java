package io.proxyline.query.webhook;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Webhook deliveries as metrics: {@code proxyline.webhook.deliveries}, one per attempt, tagged
 * {@code outcome} ({@code delivered} or {@code failed}) and, for a failure, {@code reason}
 * ({@code http_4xx}, {@code http_5xx}, {@code http_other}, {@code timeout}, {@code connection},
 * {@code refused_url}); and {@code proxyline.webhook.delivery} (an attempt's duration, by outcome).
 * Not tagged by subscription: their number is unbounded (the subscription's own status has its
 * failures).
 */
@Component
class WebhookMetrics {
    static final String DELIVERIES = "proxyline.webhook.deliveries";

    private final MeterRegistry registry;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();

    WebhookMetrics(ObjectProvider<MeterRegistry> registry) {
        this.registry = registry.getIfAvailable(SimpleMeterRegistry::new);
    }

    /** @param reason null for a delivery (a 2xx) */
    void attempted(String reason, long nanos) {
        String outcome = reason == null ? "delivered" : "failed";
        String key = reason == null ? outcome : outcome + "/" + reason;
        counters.computeIfAbsent(key, k -> Counter.builder(DELIVERIES).description("webhook delivery attempts")
                .tag("outcome", outcome).tag("reason", reason == null ? "none" : reason).register(registry))
                .increment();
        timers.computeIfAbsent(outcome, o -> Timer.builder("proxyline.webhook.delivery")
                .description("one webhook delivery attempt").tag("outcome", o).register(registry))
                .record(nanos, TimeUnit.NANOSECONDS);
    }
}
