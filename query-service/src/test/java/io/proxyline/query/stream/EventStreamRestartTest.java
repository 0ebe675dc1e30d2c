package io.proxyline.query.stream;

import static io.proxyline.query.stream.EventStreamServiceTest.WAIT;
import static io.proxyline.query.stream.EventStreamServiceTest.ids;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.proxyline.query.QueryServiceApplication;
import io.proxyline.testing.SseClient;
import io.proxyline.testing.TestCredentials;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Positions are the durable event store's: a client resumes with its Last-Event-ID after the
 * service restarted on the same data directory (the H2 event store file) and gets exactly the
 * events after it. The read models (in memory here) are rebuilt after the restart, so the
 * stream also resolves owners while the history projection is still catching up.
 */
class EventStreamRestartTest {

    private static ConfigurableApplicationContext start(Path dataDir) {
        return new SpringApplicationBuilder(QueryServiceApplication.class).properties(
                TestCredentials.ACCESS_KEY_PROPERTY, TestCredentials.SECRET_PROPERTY, TestCredentials.ACCOUNT_PROPERTY,
                "server.port=0",
                "proxyline.data-dir=" + dataDir,
                "proxyline.embedded.backend=memory",
                "proxyline.embedded.port=0",
                "proxyline.event-store.compact-on-shutdown=false",
                "proxyline.rate-limit.enabled=false",
                "proxyline.events.keep-alive=200ms").run();
    }

    private static URI endpoint(ConfigurableApplicationContext context) {
        return URI.create("http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port"));
    }

    @Test
    void aClientResumesExactlyWhereItWasAfterARestart() throws Exception {
        Path dataDir = Files.createTempDirectory("proxyline-events-restart");
        String owner = TestCredentials.ACCOUNT_ID;
        List<DomainEventMessage<?>> all = new ArrayList<>();
        String fourth;
        StreamStory story;
        SseClient subscriber;
        Duration shutdown;
        try (ConfigurableApplicationContext first = start(dataDir)) {
            story = new StreamStory(first.getBean(EventStore.class));
            all.add(story.connector("vc-r", owner));
            all.add(story.config("vc-r", owner));
            all.add(story.session("vc-r", "s-r1", owner));
            all.add(story.update("vc-r", "s-r1", owner));
            all.add(story.session("vc-r", "s-r2", owner));
            all.add(story.delete("vc-r", "s-r1", owner));
            try (SseClient client = SseClient.open(endpoint(first), "/events?after=0")) {
                assertThat(client.status).as(client.errorBody).isEqualTo(200);
                await().atMost(WAIT).until(() -> client.messages.size() == 6);
                assertThat(ids(client)).containsExactlyElementsOf(ids(all));
                fourth = client.messages.get(3).id();
            }
            subscriber = SseClient.open(endpoint(first), "/events");
            assertThat(subscriber.status).isEqualTo(200);
            long closing = System.nanoTime();
            first.close();
            shutdown = Duration.ofNanos(System.nanoTime() - closing);
        }
        // Shutdown ends the open streams rather than waiting out graceful shutdown's 30 s for them.
        await().atMost(WAIT).until(() -> subscriber.ended);
        assertThat(shutdown).isLessThan(Duration.ofSeconds(10));
        subscriber.close();

        try (ConfigurableApplicationContext second = start(dataDir)) {
            StreamStory continued = story.continuedIn(second.getBean(EventStore.class));
            all.add(continued.update("vc-r", "s-r2", owner));
            try (SseClient client = SseClient.open(endpoint(second), TestCredentials.ACCESS_KEY_ID,
                    TestCredentials.SECRET_ACCESS_KEY, "/events", Map.of("Last-Event-ID", fourth))) {
                assertThat(client.status).as(client.errorBody).isEqualTo(200);
                all.add(continued.delete("vc-r", "s-r2", owner));
                await().atMost(WAIT).until(() -> client.messages.size() >= 4);
                assertThat(ids(client)).containsExactlyElementsOf(ids(all.subList(4, all.size())));
            }
        }
    }
}
