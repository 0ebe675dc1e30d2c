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
    static ConfigurableApplicationContext start(Path dataDir, String backend, String... more) {
        List<String> properties = new java.util.ArrayList<>(List.of(
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
                "proxyline.webhooks.max-backoff=200ms"));
        properties.addAll(List.of(more));
        return new SpringApplicationBuilder(QueryServiceApplication.class)
                // An argument: application.yml's port would win over a default property.
                .properties(properties.toArray(String[]::new)).run("--server.port=0");
    }

    /**
     * The MongoDB profile: event store (Axon's Mongo engine), read models, tokens and delivery
     * state all in the database at {@code mongoUri}, so several instances share them.
     */
    static ConfigurableApplicationContext startOnMongo(Path dataDir, String mongoUri, String... more) {
        String[] all = new String[more.length + 2];
        all[0] = "proxyline.mongo.uri=" + mongoUri;
        all[1] = "proxyline.mongo.database=proxyline";
        System.arraycopy(more, 0, all, 2, more.length);
        return start(dataDir, "memory", all);
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
