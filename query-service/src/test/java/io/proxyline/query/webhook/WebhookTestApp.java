package io.proxyline.query.webhook;

import io.proxyline.api.subscription.EventSubscriptionCreatedEvent;
import io.proxyline.api.subscription.EventSubscriptionDeletedEvent;
import io.proxyline.api.subscription.EventSubscriptions;
import io.proxyline.query.QueryServiceApplication;
import io.proxyline.query.stream.StreamStory;
import io.proxyline.testing.TestCredentials;
import io.proxyline.webhook.WebhookSecrets;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.axonframework.eventhandling.DomainEventMessage;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** query-service with webhooks on, fast retries, and events appended as command-service would. */
final class WebhookTestApp {
    static final String SIGNING_KEY = "webhook-test-signing-key-0123456789abcdef";
    static final WebhookSecrets SECRETS = WebhookSecrets.of(SIGNING_KEY);

    private WebhookTestApp() {}

    static ConfigurableApplicationContext start(Path dataDir) {
        return start(dataDir, "memory");
    }

    /** @param backend {@code memory}, or {@code h2} to keep read models and delivery state across a restart */
    static ConfigurableApplicationContext start(Path dataDir, String backend) {
        return new SpringApplicationBuilder(QueryServiceApplication.class).properties(
                TestCredentials.ACCESS_KEY_PROPERTY, TestCredentials.SECRET_PROPERTY, TestCredentials.ACCOUNT_PROPERTY,
                TestCredentials.OTHER_ACCESS_KEY_PROPERTY, TestCredentials.OTHER_SECRET_PROPERTY,
                TestCredentials.OTHER_ACCOUNT_PROPERTY,
                "server.port=0",
                "proxyline.data-dir=" + dataDir,
                "proxyline.embedded.backend=" + backend,
                "proxyline.embedded.port=0",
                "proxyline.event-store.compact-on-shutdown=false",
                "proxyline.rate-limit.enabled=false",
                "proxyline.webhooks.signing-key=" + SIGNING_KEY,
                "proxyline.webhooks.allow-private-addresses=true",
                "proxyline.webhooks.timeout=500ms",
                "proxyline.webhooks.initial-backoff=50ms",
                "proxyline.webhooks.max-backoff=200ms").run();
    }

    static URI endpoint(ConfigurableApplicationContext context) {
        return URI.create("http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port"));
    }

    static DomainEventMessage<?> subscribe(StreamStory story, String account, String id, String url,
                                           List<String> types, String voiceConnectorId) {
        return story.append("AccountEventSubscriptions", EventSubscriptions.aggregateId(account),
                new EventSubscriptionCreatedEvent(account, id, url, types, voiceConnectorId, Instant.now()), account);
    }

    static DomainEventMessage<?> unsubscribe(StreamStory story, String account, String id) {
        return story.append("AccountEventSubscriptions", EventSubscriptions.aggregateId(account),
                new EventSubscriptionDeletedEvent(account, id, Instant.now()), account);
    }
}
