package io.proxyline.systemtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.proxyline.testing.AwsClients;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.chimesdkvoice.ChimeSdkVoiceClient;
import software.amazon.awssdk.services.chimesdkvoice.model.ServiceUnavailableException;

/**
 * deploy/nginx/edge.conf on its own, with Debian's nginx: in front of two stand-in upstreams that
 * record exactly what reaches them (so routing, byte-for-byte forwarding and the body limit are
 * checked independently of the services), and in front of nothing at all (the edge's own
 * AWS-shaped errors). Requests are written on a raw socket, so nothing client-side normalises them.
 */
class EdgeConfigTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicInteger NEXT = new AtomicInteger();

    @RegisterExtension
    static final Deployment deployment = new Deployment("edge-config");

    static Upstream command;
    static Upstream query;
    static Edge edge;
    static Edge edgeWithoutServices;

    @BeforeAll
    static void startEdges() {
        command = deployment.register(Upstream.start("command"));
        query = deployment.register(Upstream.start("query"));
        edge = deployment.startEdge("nginx", Reactor.freePort(), command.address(), query.address());
        // Nothing listens on these: picked free and left closed.
        edgeWithoutServices = deployment.startEdge("nginx-no-services", Reactor.freePort(),
                "127.0.0.1:" + Reactor.freePort(), "127.0.0.1:" + Reactor.freePort());
    }

    @Test
    void getAndHeadGoToTheQueryUpstreamEverythingElseToTheCommandUpstream() {
        for (String method : List.of("GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS")) {
            String path = "/voice-connectors/routing-" + NEXT.incrementAndGet();
            boolean read = method.equals("GET") || method.equals("HEAD");
            byte[] body = read ? new byte[0] : "{}".getBytes(StandardCharsets.UTF_8);
            Raw.Response response = Raw.send(edge.port(), method, path, Map.of("Host", "127.0.0.1:" + edge.port()),
                    body);
            assertThat(response.status()).as("%s %s: %s", method, path, response).isEqualTo(200);
            Upstream expected = read ? query : command;
            Upstream other = expected == query ? command : query;
            assertThat(expected.received(path)).as("%s %s reaches %s", method, path, expected.name).isPresent()
                    .hasValueSatisfying(r -> assertThat(r.method()).isEqualTo(method));
            assertThat(other.received(path)).as("%s %s never reaches %s", method, path, other.name).isEmpty();
        }
    }

    @Test
    void requestTargetHostAndSignedHeadersArriveByteForByte() {
        String target = "/phone-numbers/%2B12065550100/a//b/../c%2Fd?x=a%20b&y=%2B1&z=" + NEXT.incrementAndGet();
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Host", "proxyline.example:8443");
        headers.put("X-Amz-Date", "20260101T000000Z");
        headers.put("X-Amz-Content-SHA256", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        headers.put("Authorization", "AWS4-HMAC-SHA256 Credential=AKIAPROXYLINETEST001/20260101/us-east-1/chime/"
                + "aws4_request, SignedHeaders=host;x-amz-content-sha256;x-amz-date, Signature=00ff");
        headers.put("Content-Type", "application/json");
        byte[] body = "{\"Capabilities\":[\"Voice\"]}".getBytes(StandardCharsets.UTF_8);

        Raw.Response response = Raw.send(edge.port(), "POST", target, headers, body);

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        Upstream.Received received = command.receivedExactly(target);
        assertThat(received.header("Host")).isEqualTo("proxyline.example:8443");
        for (String name : List.of("X-Amz-Date", "X-Amz-Content-SHA256", "Authorization", "Content-Type")) {
            assertThat(received.header(name)).as(name).isEqualTo(headers.get(name));
        }
        assertThat(received.header("Content-Length")).isEqualTo(Integer.toString(body.length));
        assertThat(received.body()).isEqualTo(body);
    }

    @Test
    void bodyJustOverOneMebibyteIsPassedOnSoTheServiceGivesItsOwnAnswer() {
        String path = "/voice-connectors/large-" + NEXT.incrementAndGet();
        byte[] body = new byte[1_048_577];
        Arrays.fill(body, (byte) 'x');
        Raw.Response response = Raw.send(edge.port(), "POST", path, Map.of("Host", "edge"), body);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        Upstream.Received received = command.receivedExactly(path);
        assertThat(received.header("Content-Length")).isEqualTo("1048577");
        assertThat(received.body()).hasSize(1_048_577);
    }

    @Test
    void chunkedBodyArrivesWholeWithItsLength() {
        String path = "/voice-connectors/chunked-" + NEXT.incrementAndGet();
        byte[] body = "{\"Name\":\"chunked\"}".getBytes(StandardCharsets.UTF_8);
        Raw.Response response = Raw.sendChunked(edge.port(), "POST", path, body);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        Upstream.Received received = command.receivedExactly(path);
        assertThat(received.body()).isEqualTo(body);
        assertThat(received.header("Content-Length")).isEqualTo(Integer.toString(body.length));
    }

    @Test
    void bodyOverTheEdgeLimitIsAnAwsShaped413AndNeverPassedOn() {
        String path = "/voice-connectors/huge-" + NEXT.incrementAndGet();
        byte[] body = new byte[1_200_000];
        Raw.Response response = Raw.send(edge.port(), "POST", path, Map.of("Host", "edge"), body);
        assertAwsError(response, 413, "BadRequest");
        assertThat(command.received(path)).isEmpty();
    }

    @Test
    void errorsFromTheServicesPassThroughUntouched() {
        String path = "/voice-connectors/fail-" + NEXT.incrementAndGet() + "?status=503";
        Raw.Response response = Raw.send(edge.port(), "GET", path, Map.of("Host", "edge"), new byte[0]);
        assertThat(response.status()).isEqualTo(503);
        assertThat(response.header("x-amzn-ErrorType")).hasValue("ServiceUnavailableException");
        assertThat(response.bodyText()).isEqualTo(Upstream.errorBody("query"));
    }

    @Test
    void unreachableServicesAreAnAwsShaped503() {
        int port = edgeWithoutServices.port();
        assertAwsError(Raw.send(port, "GET", "/voice-connectors", Map.of("Host", "edge"), new byte[0]),
                503, "ServiceUnavailable");
        assertAwsError(Raw.send(port, "POST", "/voice-connectors", Map.of("Host", "edge"), "{}".getBytes()),
                503, "ServiceUnavailable");
        Raw.Response head = Raw.send(port, "HEAD", "/voice-connectors", Map.of("Host", "edge"), new byte[0]);
        assertThat(head.status()).isEqualTo(503);
        assertThat(head.header("x-amzn-ErrorType")).hasValue("ServiceUnavailableException");

        try (ChimeSdkVoiceClient client = AwsClients.chimeSdkVoice(edgeWithoutServices.uri())) {
            assertThatThrownBy(() -> client.listVoiceConnectors(r -> {}))
                    .isInstanceOfSatisfying(ServiceUnavailableException.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(503);
                        assertThat(e.awsErrorDetails().errorMessage()).isNotBlank();
                    });
        }
    }

    private static void assertAwsError(Raw.Response response, int status, String code) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.header("x-amzn-ErrorType")).hasValue(code + "Exception");
        assertThat(response.header("x-amzn-RequestId")).isPresent();
        assertThat(response.header("Content-Type")).hasValue("application/json");
        JsonNode json = response.json();
        assertThat(json.path("Code").asText()).isEqualTo(code);
        assertThat(json.path("Message").asText()).isNotBlank();
        assertThat(json.size()).isEqualTo(2);
    }

    /** A stand-in service: records every request and answers 200 (or the status asked for in the query). */
    static final class Upstream implements AutoCloseable {
        record Received(String method, String target, Map<String, String> headers, byte[] body) {
            String header(String name) {
                return headers.get(name.toLowerCase(Locale.ROOT));
            }
        }

        final String name;
        private final HttpServer server;
        private final ConcurrentLinkedQueue<Received> received = new ConcurrentLinkedQueue<>();

        private Upstream(String name, HttpServer server) {
            this.name = name;
            this.server = server;
        }

        static Upstream start(String name) {
            try {
                HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
                Upstream upstream = new Upstream(name, server);
                server.createContext("/", upstream::handle);
                server.setExecutor(Executors.newFixedThreadPool(4));
                server.start();
                return upstream;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        static String errorBody(String name) {
            return "{\"Code\":\"ServiceUnavailable\",\"Message\":\"answered by the " + name + " stand-in\"}";
        }

        private void handle(HttpExchange exchange) throws IOException {
            byte[] body = exchange.getRequestBody().readAllBytes();
            Map<String, String> headers = new LinkedHashMap<>();
            exchange.getRequestHeaders()
                    .forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), String.join(",", v)));
            String target = exchange.getRequestURI().toString();
            received.add(new Received(exchange.getRequestMethod(), target, headers, body));
            boolean fail = target.endsWith("?status=503");
            byte[] answer = (fail ? errorBody(name) : "{\"Side\":\"" + name + "\"}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            if (fail) {
                exchange.getResponseHeaders().set("x-amzn-ErrorType", "ServiceUnavailableException");
            }
            boolean head = exchange.getRequestMethod().equals("HEAD");
            exchange.sendResponseHeaders(fail ? 503 : 200, head ? -1 : answer.length);
            if (!head) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(answer);
                }
            }
            exchange.close();
        }

        String address() {
            return "127.0.0.1:" + server.getAddress().getPort();
        }

        Optional<Received> received(String target) {
            return received.stream().filter(r -> r.target().equals(target)).findFirst();
        }

        /** The request with exactly this request target, failing with what did arrive instead. */
        Received receivedExactly(String target) {
            return received(target).orElseThrow(() -> new AssertionError("the " + name + " stand-in never received "
                    + target + "; it received " + received.stream().map(Received::target).toList()));
        }

        @Override
        public void close() {
            server.stop(0);
            ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
        }
    }

    /** HTTP/1.1 on a plain socket: the request exactly as written, one request per connection. */
    static final class Raw {
        record Response(int status, Map<String, String> headers, byte[] body) {
            Optional<String> header(String name) {
                return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
            }

            String bodyText() {
                return new String(body, StandardCharsets.UTF_8);
            }

            JsonNode json() {
                try {
                    return JSON.readTree(body);
                } catch (IOException e) {
                    throw new UncheckedIOException("not JSON: " + bodyText(), e);
                }
            }

            @Override
            public String toString() {
                return status + " " + headers + " " + bodyText();
            }
        }

        static Response send(int port, String method, String target, Map<String, String> headers, byte[] body) {
            StringBuilder head = new StringBuilder(method + " " + target + " HTTP/1.1\r\n");
            headers.forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
            if (body.length > 0 || !(method.equals("GET") || method.equals("HEAD"))) {
                head.append("Content-Length: ").append(body.length).append("\r\n");
            }
            head.append("Connection: close\r\n\r\n");
            return exchange(port, method, head.toString().getBytes(StandardCharsets.ISO_8859_1), body);
        }

        static Response sendChunked(int port, String method, String target, byte[] body) {
            String head = method + " " + target + " HTTP/1.1\r\nHost: edge\r\nTransfer-Encoding: chunked\r\n"
                    + "Connection: close\r\n\r\n";
            ByteArrayOutputStream chunks = new ByteArrayOutputStream();
            int half = body.length / 2;
            for (byte[] chunk : List.of(Arrays.copyOfRange(body, 0, half),
                    Arrays.copyOfRange(body, half, body.length))) {
                chunks.writeBytes((Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                chunks.writeBytes(chunk);
                chunks.writeBytes("\r\n".getBytes(StandardCharsets.ISO_8859_1));
            }
            chunks.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            return exchange(port, method, head.getBytes(StandardCharsets.ISO_8859_1), chunks.toByteArray());
        }

        private static Response exchange(int port, String method, byte[] head, byte[] body) {
            try (Socket socket = new Socket("127.0.0.1", port)) {
                socket.setSoTimeout(30_000);
                OutputStream out = socket.getOutputStream();
                out.write(head);
                out.write(body);
                out.flush();
                return read(socket.getInputStream(), method.equals("HEAD"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private static Response read(InputStream in, boolean head) throws IOException {
            String statusLine = line(in);
            Map<String, String> headers = new LinkedHashMap<>();
            for (String line = line(in); !line.isEmpty(); line = line(in)) {
                int colon = line.indexOf(':');
                headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
            }
            int status = Integer.parseInt(statusLine.split(" ")[1]);
            byte[] body;
            if (head) {
                body = new byte[0];
            } else if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                for (int size = chunkSize(in); size > 0; size = chunkSize(in)) {
                    out.writeBytes(in.readNBytes(size));
                    line(in);
                }
                body = out.toByteArray();
            } else if (headers.containsKey("content-length")) {
                body = in.readNBytes(Integer.parseInt(headers.get("content-length")));
            } else {
                body = in.readAllBytes();
            }
            return new Response(status, headers, body);
        }

        private static int chunkSize(InputStream in) throws IOException {
            return Integer.parseInt(line(in).trim(), 16);
        }

        private static String line(InputStream in) throws IOException {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            for (int b = in.read(); b != '\n'; b = in.read()) {
                if (b < 0) {
                    throw new IOException("connection closed mid-line: " + line);
                }
                if (b != '\r') {
                    line.write(b);
                }
            }
            return line.toString(StandardCharsets.ISO_8859_1);
        }
    }
}
