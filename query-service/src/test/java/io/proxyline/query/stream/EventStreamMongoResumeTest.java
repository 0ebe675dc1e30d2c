package io.proxyline.query.stream;

import static io.proxyline.query.stream.EventStreamServiceTest.WAIT;
import static io.proxyline.query.stream.EventStreamServiceTest.ids;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.proxyline.query.QueryServiceApplication;
import io.proxyline.testing.SseClient;
import io.proxyline.testing.TestCredentials;
import java.net.URI;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Resuming the event stream on the MongoDB profile (Axon's Mongo event store, here on
 * mongo-java-server): a client reconnecting with its Last-Event-ID, to the same instance or to a
 * restarted one, gets every later event exactly once; an event committed late (stamped before
 * the client's position but stored after it) is still delivered; a stream opened at the head
 * does not replay the store's look-back window.
 */
class EventStreamMongoResumeTest {
    static final String OWNER = TestCredentials.ACCOUNT_ID;

    MongoServer mongo;
    String uri;
    final List<ConfigurableApplicationContext> contexts = new ArrayList<>();

    @BeforeEach
    void startMongo() {
        mongo = new MongoServer(new MemoryBackend());
        mongo.bind("127.0.0.1", 0);
        uri = "mongodb://127.0.0.1:" + mongo.getLocalAddress().getPort();
    }

    @AfterEach
    void stop() {
        contexts.forEach(ConfigurableApplicationContext::close);
        mongo.shutdownNow();
    }

    ConfigurableApplicationContext start() throws Exception {
        ConfigurableApplicationContext context = new SpringApplicationBuilder(QueryServiceApplication.class)
                .properties(TestCredentials.ACCESS_KEY_PROPERTY, TestCredentials.SECRET_PROPERTY,
                        TestCredentials.ACCOUNT_PROPERTY,
                        "proxyline.data-dir=" + Files.createTempDirectory("proxyline-events-mongo"),
                        "proxyline.mongo.uri=" + uri,
                        "proxyline.rate-limit.enabled=false",
                        // The stale-append guard refuses events stamped more than half of this ago:
                        // room for the late event below on a loaded machine.
                        "proxyline.event-store.mongo-look-back=60s",
                        "proxyline.events.keep-alive=200ms")
                .run("--server.port=0");
        contexts.add(context);
        return context;
    }

    static URI endpoint(ConfigurableApplicationContext context) {
        return URI.create("http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port"));
    }

    static SseClient resume(ConfigurableApplicationContext context, String lastEventId) throws Exception {
        return SseClient.open(endpoint(context), TestCredentials.ACCESS_KEY_ID, TestCredentials.SECRET_ACCESS_KEY,
                "/events", Map.of("Last-Event-ID", lastEventId));
    }

    @Test
    void aClientResumesExactlyWhereItWasOnTheSameAndOnARestartedInstance() throws Exception {
        ConfigurableApplicationContext first = start();
        StreamStory story = new StreamStory(first.getBean(EventStore.class)).stampedAtAppend();
        List<DomainEventMessage<?>> all = new ArrayList<>();
        all.add(story.connector("vc-m", OWNER));
        all.add(story.config("vc-m", OWNER));
        all.add(story.session("vc-m", "s-m1", OWNER));
        all.add(story.update("vc-m", "s-m1", OWNER));
        all.add(story.session("vc-m", "s-m2", OWNER));
        all.add(story.delete("vc-m", "s-m1", OWNER));
        String fourth;
        try (SseClient client = SseClient.open(endpoint(first), "/events?after=0")) {
            assertThat(client.status).as(client.errorBody).isEqualTo(200);
            await().atMost(WAIT).until(() -> client.messages.size() == 6);
            assertThat(ids(client)).containsExactlyElementsOf(ids(all));
            fourth = client.messages.get(3).id();
        }
        assertThat(fourth).startsWith("m:");

        all.add(story.update("vc-m", "s-m2", OWNER));
        try (SseClient client = resume(first, fourth)) {
            assertThat(client.status).as(client.errorBody).isEqualTo(200);
            await().atMost(WAIT).until(() -> client.messages.size() >= 3);
            assertThat(ids(client)).containsExactlyElementsOf(ids(all.subList(4, 7)));
        }

        first.close();
        ConfigurableApplicationContext second = start();
        StreamStory continued = story.continuedIn(second.getBean(EventStore.class));
        all.add(continued.delete("vc-m", "s-m2", OWNER));
        try (SseClient client = resume(second, fourth)) {
            assertThat(client.status).as(client.errorBody).isEqualTo(200);
            await().atMost(WAIT).until(() -> client.messages.size() >= 4);
            // Wait for a keep-alive after the last event: anything repeated would have come before it.
            int comments = client.comments;
            await().atMost(WAIT).until(() -> client.comments > comments);
            assertThat(ids(client)).containsExactlyElementsOf(ids(all.subList(4, 8)));
        }
    }

    @Test
    void anEventCommittedLateIsDeliveredAfterAResumeAndAStreamAtTheHeadDoesNotReplayTheWindow() throws Exception {
        ConfigurableApplicationContext app = start();
        StreamStory story = new StreamStory(app.getBean(EventStore.class)).stampedAtAppend();
        List<DomainEventMessage<?>> before = new ArrayList<>();
        before.add(story.connector("vc-late", OWNER));
        before.add(story.config("vc-late", OWNER));
        before.add(story.session("vc-late", "s-late", OWNER));
        String last;
        try (SseClient client = SseClient.open(endpoint(app), "/events?after=0")) {
            await().atMost(WAIT).until(() -> client.messages.size() == 3);
            last = client.messages.get(2).id();
        }
        // Stamped before the client's position, stored after it: a slow command's late commit.
        long lastMillis = Long.parseLong(last.split(":")[1]);
        DomainEventMessage<?> late = story.updateStampedAt("vc-late", "s-late", OWNER,
                Instant.ofEpochMilli(lastMillis - 1));
        try (SseClient client = resume(app, last)) {
            assertThat(client.status).as(client.errorBody).isEqualTo(200);
            await().atMost(WAIT).until(() -> ids(client).contains(late.getIdentifier()));
            int comments = client.comments;
            await().atMost(WAIT).until(() -> client.comments > comments);
            List<String> got = ids(client);
            assertThat(got).doesNotHaveDuplicates();
            // At least once: besides the late event, only events of its 100 ms slice of the window
            // may come again (here: those stamped within 100 ms of it).
            List<String> allowedAgain = before.stream()
                    .filter(e -> Math.abs(e.getTimestamp().toEpochMilli() - late.getTimestamp().toEpochMilli())
                            < StreamPositions.BUCKET_MILLIS)
                    .map(DomainEventMessage::getIdentifier).toList();
            assertThat(got).allMatch(id -> id.equals(late.getIdentifier()) || allowedAgain.contains(id));
            System.out.printf("late commit after a Mongo-profile position: resumed stream sent %d events, "
                    + "%d of them again%n", got.size(), got.size() - 1);
        }
        try (SseClient atHead = SseClient.open(endpoint(app), "/events")) {
            assertThat(atHead.status).as(atHead.errorBody).isEqualTo(200);
            await().atMost(WAIT).until(() -> atHead.comments > 0);
            DomainEventMessage<?> next = story.update("vc-late", "s-late", OWNER);
            await().atMost(WAIT).until(() -> atHead.messages.size() >= 1);
            int comments = atHead.comments;
            await().atMost(WAIT).until(() -> atHead.comments > comments);
            assertThat(ids(atHead)).as("only what was stored after the stream opened")
                    .containsExactly(next.getIdentifier());
        }
    }
}
