package io.proxyline.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import software.amazon.awssdk.services.chimesdkvoice.ChimeSdkVoiceClient;

/**
 * The subscribers' side (docs/event-stream.md, docs/webhooks.md), on the main app after its
 * phases: how soon a created session reaches an open event stream and a webhook receiver, and
 * how fast a stream replays the stored history from {@code after=0}.
 *
 * <p>Live: one SSE stream and one webhook subscription, both filtered to {@code ProxySessionCreated}
 * on the benchmark's connector; sessions are created at a paced rate by one client; each
 * latency is from the client receiving the 201 to the subscriber receiving that session's event
 * (0 when the event arrived first). Catch-up: {@code GET /events?after=0}, every stored event of the
 * account, timed from the response's first byte to the last event; the end is taken as 3 s
 * without an event (not counted).
 */
final class StreamBench {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private static final long IDLE_END_NANOS = Duration.ofSeconds(3).toNanos();

    record Figures(int sessions, double rate, Histogram streamMicros, long streamMissing, Histogram webhookMicros,
                   long webhookMissing, String webhookNote, long catchUpEvents, double catchUpSeconds) {
        String summary() {
            return String.format(java.util.Locale.ROOT, "%d sessions at %.0f/s; stream p50 %.1f ms p99 %.1f ms (%d missing);"
                    + " webhook p50 %.1f ms p99 %.1f ms (%d missing)%s; catch-up %d events in %.1f s",
                    sessions, rate, streamMicros.getValueAtPercentile(50) / 1000.0,
                    streamMicros.getValueAtPercentile(99) / 1000.0, streamMissing,
                    webhookMicros.getValueAtPercentile(50) / 1000.0, webhookMicros.getValueAtPercentile(99) / 1000.0,
                    webhookMissing, webhookNote == null ? "" : " (" + webhookNote + ")", catchUpEvents, catchUpSeconds);
        }
    }

    private StreamBench() {}

    static Figures run(URI endpoint, ChimeSdkVoiceClient client, Sessions sessions, double rate, Duration window)
            throws Exception {
        String vc = sessions.voiceConnectorId();
        Map<String, Long> acked = new ConcurrentHashMap<>();
        Map<String, Long> streamed = new ConcurrentHashMap<>();
        Map<String, Long> hooked = new ConcurrentHashMap<>();

        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/", exchange -> {
            long now = System.nanoTime();
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            String id = JSON.readTree(body).path("data").path("ProxySessionId").asText(null);
            if (id != null) hooked.putIfAbsent(id, now);
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        String subscription = null;
        String webhookNote = null;
        try {
            Api.Reply created = Api.signedPost(endpoint, "/event-subscriptions", "{\"Url\":\"http://127.0.0.1:"
                    + receiver.getAddress().getPort() + "/bench\",\"EventTypes\":[\"ProxySessionCreated\"],"
                    + "\"VoiceConnectorId\":\"" + vc + "\"}");
            if (created.status() == 201) {
                subscription = created.json().path("EventSubscription").path("EventSubscriptionId").asText();
            } else {
                webhookNote = "CreateEventSubscription → " + created.status() + " " + created.text();
            }
            HttpResponse<InputStream> stream = HTTP.send(Api.signedGetRequest(endpoint, "/events",
                    Map.of("type", List.of("ProxySessionCreated"), "voice-connector-id", List.of(vc))).build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            if (stream.statusCode() != 200) {
                throw new IllegalStateException("GET /events → " + stream.statusCode() + " "
                        + new String(stream.body().readAllBytes(), StandardCharsets.UTF_8));
            }
            BufferedReader lines = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8));
            // The stream's start is fixed before its first line: everything created after it is streamed.
            lines.readLine();
            Thread reader = new Thread(() -> {
                try {
                    String line;
                    while ((line = lines.readLine()) != null) {
                        if (line.startsWith("data:")) {
                            long now = System.nanoTime();
                            JsonNode event = JSON.readTree(line.substring(5));
                            streamed.putIfAbsent(event.path("data").path("ProxySessionId").asText(), now);
                        }
                    }
                } catch (IOException closed) {
                    // the benchmark closed the stream
                }
            }, "bench-sse");
            reader.setDaemon(true);
            reader.start();

            int n = (int) Math.max(1, Math.round(rate * window.toSeconds()));
            long start = System.nanoTime();
            long interval = (long) (1e9 / rate);
            for (int i = 0; i < n; i++) {
                long due = start + i * interval;
                long wait = due - System.nanoTime();
                if (wait > 0) LockSupport.parkNanos(wait);
                String id = sessions.createOne(client);
                acked.put(id, System.nanoTime());
                sessions.add(id);
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < deadline && !(streamed.keySet().containsAll(acked.keySet())
                    && (subscription == null || hooked.keySet().containsAll(acked.keySet())))) {
                LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
            }
            stream.body().close();

            Histogram streamMicros = histogram();
            Histogram webhookMicros = histogram();
            long streamMissing = record(acked, streamed, streamMicros);
            long webhookMissing = subscription == null ? acked.size() : record(acked, hooked, webhookMicros);

            long[] catchUp = catchUp(endpoint);
            return new Figures(n, rate, streamMicros, streamMissing, webhookMicros, webhookMissing, webhookNote,
                    catchUp[0], catchUp[1] / 1e9);
        } finally {
            if (subscription != null) {
                Api.signedDelete(endpoint, "/event-subscriptions/" + subscription);
            }
            receiver.stop(0);
        }
    }

    /** Latencies (µs, at least 1) of the sessions that arrived; returns how many did not. */
    private static long record(Map<String, Long> acked, Map<String, Long> arrived, Histogram into) {
        long missing = 0;
        for (Map.Entry<String, Long> e : acked.entrySet()) {
            Long at = arrived.get(e.getKey());
            if (at == null) {
                missing++;
            } else {
                into.recordValue(Math.max(1, (at - e.getValue()) / 1000));
            }
        }
        return missing;
    }

    /** {events, nanoseconds from the first byte to the last event} of {@code GET /events?after=0}. */
    private static long[] catchUp(URI endpoint) throws Exception {
        HttpResponse<InputStream> stream = HTTP.send(Api.signedGetRequest(endpoint, "/events",
                Map.of("after", List.of("0"))).build(), HttpResponse.BodyHandlers.ofInputStream());
        if (stream.statusCode() != 200) {
            throw new IllegalStateException("GET /events?after=0 → " + stream.statusCode());
        }
        AtomicLong events = new AtomicLong();
        AtomicLong last = new AtomicLong();
        long first = System.nanoTime();
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    if (line.startsWith("data:")) {
                        events.incrementAndGet();
                        last.set(System.nanoTime());
                    }
                }
            } catch (IOException closed) {
                // the benchmark closed the stream
            }
        }, "bench-sse-catch-up");
        reader.setDaemon(true);
        reader.start();
        while (true) {
            LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
            long seen = last.get();
            if (seen != 0 && System.nanoTime() - seen >= IDLE_END_NANOS) break;
            if (seen == 0 && System.nanoTime() - first >= 4 * IDLE_END_NANOS) break;
        }
        stream.body().close();
        return new long[] {events.get(), last.get() == 0 ? 0 : last.get() - first};
    }

    private static Histogram histogram() {
        return new Histogram(3_600_000_000L, 3);
    }
}
