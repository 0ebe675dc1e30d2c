package io.proxyline.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.proxyline.web.QueryStrings;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.signer.Aws4Signer;
import software.amazon.awssdk.auth.signer.params.Aws4SignerParams;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.regions.Region;

/**
 * Raw HTTP requests signed with SigV4 by the AWS SDK's signer, for what a generated client will not
 * send: any method, path, query, body bytes and extra headers; a body other than the signed one; a
 * signing clock in the past; another service name; or no signature at all. By default it signs like
 * the AWS SDK for Java v2 (with {@code x-amz-content-sha256}); {@link #withoutContentSha256()} signs
 * like boto3 and the AWS CLI do for non-S3 services.
 *
 * <pre>
 * SignedHttp http = SignedHttp.to(URI.create("http://localhost:" + port));
 * SignedHttp.Response r = http.post("/voice-connectors/vc-1/proxy-sessions", "{\"Capabilities\":[\"Voice\"]}");
 * </pre>
 */
public record SignedHttp(URI endpoint, String accessKeyId, String secretAccessKey, String region, String service,
                         Clock clock, boolean signContentSha256) {

    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    // The JDK client sets these itself and refuses them from callers.
    private static final Set<String> RESTRICTED = Set.of("host", "content-length", "connection", "expect", "upgrade");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Signs as {@link TestCredentials#ACCESS_KEY_ID}, region us-east-1, service {@code chime}, the system clock. */
    public static SignedHttp to(URI endpoint) {
        return new SignedHttp(endpoint, TestCredentials.ACCESS_KEY_ID, TestCredentials.SECRET_ACCESS_KEY, "us-east-1",
                "chime", Clock.systemUTC(), true);
    }

    public SignedHttp as(String accessKeyId, String secretAccessKey) {
        return new SignedHttp(endpoint, accessKeyId, secretAccessKey, region, service, clock, signContentSha256);
    }

    public SignedHttp withClock(Clock signingClock) {
        return new SignedHttp(endpoint, accessKeyId, secretAccessKey, region, service, signingClock, signContentSha256);
    }

    public SignedHttp withService(String signingName) {
        return new SignedHttp(endpoint, accessKeyId, secretAccessKey, region, signingName, clock, signContentSha256);
    }

    public SignedHttp withRegion(String signingRegion) {
        return new SignedHttp(endpoint, accessKeyId, secretAccessKey, signingRegion, service, clock, signContentSha256);
    }

    /** Signs without the {@code x-amz-content-sha256} header, as boto3 and the AWS CLI do (the SDK's legacy signer). */
    public SignedHttp withoutContentSha256() {
        return new SignedHttp(endpoint, accessKeyId, secretAccessKey, region, service, clock, false);
    }

    public Response get(String pathAndQuery) {
        return send("GET", pathAndQuery, new byte[0], Map.of());
    }

    public Response delete(String pathAndQuery) {
        return send("DELETE", pathAndQuery, new byte[0], Map.of());
    }

    public Response post(String pathAndQuery, String json) {
        return send("POST", pathAndQuery, json.getBytes(StandardCharsets.UTF_8), Map.of());
    }

    public Response put(String pathAndQuery, String json) {
        return send("PUT", pathAndQuery, json.getBytes(StandardCharsets.UTF_8), Map.of());
    }

    /**
     * @param pathAndQuery already percent-encoded, e.g. {@code /phone-numbers/%2B12065550100?x=a%20b}
     * @param headers extra headers, signed along with the rest
     */
    public Response send(String method, String pathAndQuery, byte[] body, Map<String, String> headers) {
        return exchange(method, pathAndQuery, sign(method, pathAndQuery, body, headers), body, false);
    }

    /** The signed headers of a body-less request, for a client that sends it itself (e.g. on a raw socket). */
    public Map<String, List<String>> signedHeaders(String method, String pathAndQuery) {
        return sign(method, pathAndQuery, new byte[0], Map.of());
    }

    /** Signs {@code signedBody} but sends {@code sentBody}: a body tampered with in transit. */
    public Response sendTampered(String method, String pathAndQuery, byte[] signedBody, byte[] sentBody) {
        return exchange(method, pathAndQuery, sign(method, pathAndQuery, signedBody, Map.of()), sentBody, false);
    }

    /** Sends the body with chunked transfer encoding, so the server learns its size only by reading it. */
    public Response sendStreamed(String method, String pathAndQuery, byte[] body) {
        return exchange(method, pathAndQuery, sign(method, pathAndQuery, body, Map.of()), body, true);
    }

    /** Sends a request with no signature, only the given headers. */
    public static Response sendUnsigned(URI endpoint, String method, String pathAndQuery, byte[] body,
                                        Map<String, String> headers) {
        return exchange(endpoint, method, pathAndQuery, headers.entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> List.of(e.getValue()))), body, false);
    }

    private Map<String, List<String>> sign(String method, String pathAndQuery, byte[] body, Map<String, String> headers) {
        int q = pathAndQuery.indexOf('?');
        String path = (endpoint.getRawPath() == null ? "" : endpoint.getRawPath())
                + (q < 0 ? pathAndQuery : pathAndQuery.substring(0, q));
        SdkHttpFullRequest.Builder request = SdkHttpFullRequest.builder()
                .method(SdkHttpMethod.fromValue(method))
                .protocol(endpoint.getScheme())
                .host(endpoint.getHost())
                .port(endpoint.getPort())
                .encodedPath(path)
                // Signed exactly as the JDK client will send it.
                .putHeader("Host", endpoint.getPort() == -1 ? endpoint.getHost() : endpoint.getHost() + ":" + endpoint.getPort());
        if (q >= 0) {
            QueryStrings.parse(pathAndQuery.substring(q + 1)).forEach(request::putRawQueryParameter);
        }
        if (body.length > 0 && headers.keySet().stream().noneMatch(h -> h.equalsIgnoreCase("content-type"))) {
            request.putHeader("Content-Type", "application/json");
        }
        headers.forEach(request::putHeader);

        SdkHttpRequest signed;
        if (signContentSha256) {
            SdkHttpRequest unsigned = request.build();
            signed = AwsV4HttpSigner.create().sign(r -> r
                    .identity(AwsCredentialsIdentity.create(accessKeyId, secretAccessKey))
                    .request(unsigned)
                    .payload(ContentStreamProvider.fromByteArray(body))
                    .putProperty(AwsV4HttpSigner.REGION_NAME, region)
                    .putProperty(AwsV4FamilyHttpSigner.SERVICE_SIGNING_NAME, service)
                    .putProperty(HttpSigner.SIGNING_CLOCK, clock)
                    .putProperty(AwsV4FamilyHttpSigner.PAYLOAD_SIGNING_ENABLED, true)).request();
        } else {
            signed = legacySign(request.contentStreamProvider(() -> new ByteArrayInputStream(body)).build());
        }
        return signed.headers();
    }

    @SuppressWarnings("deprecation") // the legacy signer is the SDK's one that signs without x-amz-content-sha256
    private SdkHttpRequest legacySign(SdkHttpFullRequest request) {
        return Aws4Signer.create().sign(request, Aws4SignerParams.builder()
                .awsCredentials(AwsBasicCredentials.create(accessKeyId, secretAccessKey))
                .signingName(service)
                .signingRegion(Region.of(region))
                .signingClockOverride(clock)
                .build());
    }

    private Response exchange(String method, String pathAndQuery, Map<String, List<String>> headers, byte[] body,
                              boolean streamed) {
        return exchange(endpoint, method, pathAndQuery, headers, body, streamed);
    }

    private static Response exchange(URI endpoint, String method, String pathAndQuery, Map<String, List<String>> headers,
                                     byte[] body, boolean streamed) {
        String base = endpoint.toString().endsWith("/")
                ? endpoint.toString().substring(0, endpoint.toString().length() - 1) : endpoint.toString();
        HttpRequest.BodyPublisher publisher = streamed
                ? HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))
                : body.length == 0 ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + pathAndQuery))
                .timeout(Duration.ofSeconds(30))
                .method(method, publisher);
        headers.forEach((name, values) -> {
            if (!RESTRICTED.contains(name.toLowerCase(Locale.ROOT))) {
                values.forEach(value -> request.header(name, value));
            }
        });
        try {
            HttpResponse<byte[]> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Response(response.statusCode(), response.headers(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + pathAndQuery + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** A response as received: status, headers (looked up case-insensitively) and body bytes. */
    public record Response(int status, HttpHeaders headers, byte[] body) {
        public Optional<String> header(String name) {
            return headers.firstValue(name);
        }

        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("response body is not JSON: " + text(), e);
            }
        }

        @Override
        public String toString() {
            return status + " " + headers.map() + " " + text();
        }
    }
}
