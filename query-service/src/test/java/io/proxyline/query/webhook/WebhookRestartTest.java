package io.proxyline.query.webhook;

import static io.proxyline.query.webhook.WebhookTestApp.subscribe;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.proxyline.query.stream.StreamStory;
import io.proxyline.testing.TestCredentials;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Delivery positions survive a restart on the same data directory (H2 event store, read models
 * and delivery state in the embedded store's H2 file): what was delivered is not delivered again,
 * the event that was failing when the service stopped is retried first, and nothing is skipped.
 */
class WebhookRestartTest {
    static final Duration WAIT = Duration.ofSeconds(30);
    static final String A = TestCredentials.ACCOUNT_ID;

    @Test
    void deliveriesResumeWhereTheyStoodAfterARestart() throws Exception {
        Path dataDir = Files.createTempDirectory("proxyline-webhooks-restart");
        List<DomainEventMessage<?>> events = new ArrayList<>();
        StreamStory story;
        try (Receiver receiver = new Receiver()) {
            try (ConfigurableApplicationContext first = WebhookTestApp.start(dataDir, "h2")) {
                story = new StreamStory(first.getBean(EventStore.class)).recordedNow();
                subscribe(story, A, "sub-restart", receiver.url(), List.of(), null);
                events.add(story.connector("vc-restart", A));
                events.add(story.config("vc-restart", A));
                await().atMost(WAIT).until(() -> receiver.deliveredIds().size() == 2);
                receiver.answerByDefault(500);
                events.add(story.session("vc-restart", "s-restart", A));
                await().atMost(WAIT).until(() -> receiver.allIds().size() >= 4);
            }
            int attemptsBeforeRestart = receiver.allIds().size();
            receiver.answerByDefault(200);
            try (ConfigurableApplicationContext second = WebhookTestApp.start(dataDir, "h2")) {
                StreamStory continued = story.continuedIn(second.getBean(EventStore.class));
                events.add(continued.update("vc-restart", "s-restart", A));
                await().atMost(WAIT).until(() -> receiver.deliveredIds().size() == 4);
                assertThat(receiver.deliveredIds()).containsExactlyElementsOf(
                        events.stream().map(DomainEventMessage::getIdentifier).toList());
                // After the restart, the first request is the event that was failing, not an earlier one.
                assertThat(receiver.allIds().get(attemptsBeforeRestart)).isEqualTo(events.get(2).getIdentifier());
            }
        }
    }
}
