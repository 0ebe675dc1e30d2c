package io.proxyline.query.webhook;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

/**
 * A webhook receiver on a real HTTP port: records every request it gets (headers and body) and
 * answers with what the test scripts: a status per request, or hanging until released.
 */
final class Receiver implements AutoCloseable {
    record Request(Map<String, String> headers, byte[] body, int answered) {
        String header(String name) {
            return headers.get(name.toLowerCase());
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private final HttpServer server;
    final List<Request> requests = java.util.Collections.synchronizedList(new ArrayList<>());
    private final ConcurrentLinkedQueue<Integer> scripted = new ConcurrentLinkedQueue<>();
    private volatile IntSupplier defaultStatus = () -> 200;
    private volatile CountDownLatch hold = new CountDownLatch(0);

    Receiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "receiver");
            t.setDaemon(true);
            return t;
        }));
        server.createContext("/", exchange -> {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            Map<String, String> headers = new java.util.HashMap<>();
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(), String.join(",", v)));
            try {
                hold.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            Integer next = scripted.poll();
            int status = next != null ? next : defaultStatus.getAsInt();
            requests.add(new Request(headers, body, status));
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    /** The next requests are answered with these statuses, in order; then the default. */
    Receiver answer(int... statuses) {
        for (int s : statuses) {
            scripted.add(s);
        }
        return this;
    }

    Receiver answerByDefault(int status) {
        defaultStatus = () -> status;
        return this;
    }

    /** Requests hang until {@link #release()}. */
    Receiver holding() {
        hold = new CountDownLatch(1);
        return this;
    }

    void release() {
        hold.countDown();
    }

    List<Request> snapshot() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    /** The webhook-ids of the requests answered with a 2xx, in arrival order. */
    List<String> deliveredIds() {
        return snapshot().stream().filter(r -> r.answered() / 100 == 2).map(r -> r.header("webhook-id")).toList();
    }

    List<String> allIds() {
        return snapshot().stream().map(r -> r.header("webhook-id")).toList();
    }

    @Override
    public void close() {
        release();
        server.stop(0);
    }
}
