package io.proxyline.testing;

import io.proxyline.web.QueryStrings;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * A signed {@code GET /events} that reads the Server-Sent Events as they arrive, on a thread of its
 * own, as an EventSource would: {@code id:} sets the last event id even on a message without data.
 */
public final class SseClient implements AutoCloseable {
    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
    private static final Set<String> RESTRICTED = Set.of("host", "content-length", "connection");

    /** A dispatched message: its id (the last one seen, as EventSource keeps it) and data. */
    public record Message(String id, String data) {}

    public final int status;
    public final String errorBody;
    public final HttpResponse<InputStream> response;
    public final List<Message> messages = new CopyOnWriteArrayList<>();
    public volatile String lastEventId;
    public volatile int comments;
    /** The server ended the response (or the test closed it). */
    public volatile boolean ended;
    private final Thread reader;

    private SseClient(HttpResponse<InputStream> response) throws IOException {
        this.response = response;
        this.status = response.statusCode();
        if (status != 200) {
            try (InputStream body = response.body()) {
                this.errorBody = new String(body.readAllBytes(), StandardCharsets.UTF_8);
            }
            this.reader = null;
            return;
        }
        this.errorBody = null;
        this.reader = new Thread(this::read, "sse-client");
        this.reader.setDaemon(true);
        this.reader.start();
    }

    public static SseClient open(URI endpoint, String accessKeyId, String secret, String pathAndQuery,
                          Map<String, String> headers) throws IOException, InterruptedException {
        int q = pathAndQuery.indexOf('?');
        SdkHttpFullRequest.Builder unsigned = SdkHttpFullRequest.builder()
                .method(SdkHttpMethod.GET).protocol(endpoint.getScheme()).host(endpoint.getHost())
                .port(endpoint.getPort()).encodedPath(q < 0 ? pathAndQuery : pathAndQuery.substring(0, q))
                .putHeader("Host", endpoint.getHost() + ":" + endpoint.getPort());
        if (q >= 0) {
            QueryStrings.parse(pathAndQuery.substring(q + 1)).forEach(unsigned::putRawQueryParameter);
        }
        headers.forEach(unsigned::putHeader);
        SdkHttpRequest request = unsigned.build();
        SdkHttpRequest signed = AwsV4HttpSigner.create().sign(r -> r
                .identity(AwsCredentialsIdentity.create(accessKeyId, secret))
                .request(request)
                .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")
                .putProperty(AwsV4FamilyHttpSigner.SERVICE_SIGNING_NAME, "chime")).request();
        HttpRequest.Builder http = HttpRequest.newBuilder(URI.create(endpoint + pathAndQuery)).GET();
        signed.headers().forEach((name, values) -> {
            if (!RESTRICTED.contains(name.toLowerCase())) {
                values.forEach(v -> http.header(name, v));
            }
        });
        return new SseClient(CLIENT.send(http.build(), HttpResponse.BodyHandlers.ofInputStream()));
    }

    public static SseClient open(URI endpoint, String pathAndQuery) throws IOException, InterruptedException {
        return open(endpoint, TestCredentials.ACCESS_KEY_ID, TestCredentials.SECRET_ACCESS_KEY, pathAndQuery, Map.of());
    }

    private void read() {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            List<String> data = new ArrayList<>();
            String line;
            while ((line = lines.readLine()) != null) {
                if (line.isEmpty()) {
                    if (!data.isEmpty()) {
                        messages.add(new Message(lastEventId, String.join("\n", data)));
                    }
                    data.clear();
                } else if (line.startsWith(":")) {
                    comments++;
                } else if (line.startsWith("id:")) {
                    lastEventId = line.substring(3).trim();
                } else if (line.startsWith("data:")) {
                    data.add(line.substring(5).startsWith(" ") ? line.substring(6) : line.substring(5));
                }
            }
        } catch (IOException e) {
            // closed by the test
        } finally {
            ended = true;
        }
    }

    public List<String> data() {
        return messages.stream().map(Message::data).toList();
    }

    @Override
    public void close() throws IOException, InterruptedException {
        if (reader != null) {
            response.body().close();
            reader.interrupt();
            reader.join(5_000);
        }
    }
}
