package io.proxyline.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.chimesdkvoice.ChimeSdkVoiceClient;
import software.amazon.awssdk.services.chimesdkvoice.model.PhoneNumberOrderStatus;
import software.amazon.awssdk.services.chimesdkvoice.model.PhoneNumberProductType;

/** The app's API as a real AWS client sees it: SDK clients, the benchmark's setup, and signed actuator reads. */
final class Api {
    static final String ACCESS_KEY_ID = "AKIABENCH0000000001";
    static final String SECRET_ACCESS_KEY = "benchBENCHbenchBENCHbenchBENCHbenchBENCH";
    static final String ACCOUNT_ID = "111111111111";
    static final String REGION = "us-east-1";
    /** The routing-hook credential (HTTP Basic), as a SIP server would present it. */
    static final String HOOK_KEY_ID = "HOOKBENCH0001";
    static final String HOOK_SECRET = "benchHOOKbenchHOOKbenchHOOK0001";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> RESTRICTED = Set.of("host", "content-length", "connection", "expect", "upgrade");
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private Api() {}

    /**
     * One SDK client as an application would build it (Apache HTTP client, keep-alive), with the
     * endpoint overridden and retries off so every failure is counted, not hidden.
     */
    static ChimeSdkVoiceClient client(URI endpoint) {
        return ChimeSdkVoiceClient.builder()
                .endpointOverride(endpoint)
                .region(Region.of(REGION))
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(ACCESS_KEY_ID, SECRET_ACCESS_KEY)))
                .httpClient(ApacheHttpClient.builder()
                        .maxConnections(2)
                        .socketTimeout(Duration.ofSeconds(120))
                        .connectionTimeout(Duration.ofSeconds(5))
                        .build())
                .overrideConfiguration(ClientOverrideConfiguration.builder()
                        .retryStrategy(AwsRetryStrategy.doNotRetry())
                        .apiCallTimeout(Duration.ofSeconds(180))
                        .build())
                .build();
    }

    /** A connector whose proxy pool is {@code pool}; sessions never expire during a run. */
    static String createConnector(ChimeSdkVoiceClient client, List<String> pool) {
        String vc = client.createVoiceConnector(r -> r.name("bench").requireEncryption(false))
                .voiceConnector().voiceConnectorId();
        var order = client.createPhoneNumberOrder(r -> r.productType(PhoneNumberProductType.VOICE_CONNECTOR)
                .e164PhoneNumbers(pool)).phoneNumberOrder();
        if (order.status() != PhoneNumberOrderStatus.SUCCESSFUL) {
            throw new IllegalStateException("CreatePhoneNumberOrder answered " + order);
        }
        var assoc = client.associatePhoneNumbersWithVoiceConnector(r -> r.voiceConnectorId(vc).e164PhoneNumbers(pool));
        if (!assoc.phoneNumberErrors().isEmpty()) {
            throw new IllegalStateException("AssociatePhoneNumbersWithVoiceConnector errors: " + assoc.phoneNumberErrors());
        }
        client.putVoiceConnectorProxy(r -> r.voiceConnectorId(vc).defaultSessionExpiryMinutes(100_000)
                .phoneNumberPoolCountries("US"));
        return vc;
    }

    /** "503 ServiceUnavailable: message" for a service error, the exception otherwise. */
    static String describe(Throwable e) {
        if (e instanceof AwsServiceException s) {
            String code = s.awsErrorDetails() == null ? "?" : s.awsErrorDetails().errorCode();
            String message = s.awsErrorDetails() == null ? s.getMessage() : s.awsErrorDetails().errorMessage();
            return s.statusCode() + " " + code + ": " + message;
        }
        return e.getClass().getSimpleName() + ": " + e.getMessage();
    }

    /**
     * A GET signed with the SDK's SigV4 signer (service {@code chime}), for endpoints the SDK has
     * no operation for (the actuator's metrics).
     *
     * @param query raw (unencoded) query parameters; several values per name allowed
     * @return status and JSON body (null when the body is not JSON)
     */
    static Reply signedGet(URI endpoint, String path, Map<String, List<String>> query) throws IOException, InterruptedException {
        HttpRequest.Builder request = signedGetRequest(endpoint, path, query).timeout(Duration.ofSeconds(30));
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        JsonNode body;
        try {
            body = JSON.readTree(response.body());
        } catch (IOException e) {
            body = null;
        }
        return new Reply(response.statusCode(), response.body(), body);
    }

    /** A GET signed like {@link #signedGet}, to send with any body handler (the event stream). */
    static HttpRequest.Builder signedGetRequest(URI endpoint, String path, Map<String, List<String>> query) {
        return signed(SdkHttpMethod.GET, endpoint, path, query, null).GET();
    }

    /** A DELETE signed like {@link #signedGet}; the status. */
    static int signedDelete(URI endpoint, String path) throws IOException, InterruptedException {
        HttpRequest request = signed(SdkHttpMethod.DELETE, endpoint, path, Map.of(), null)
                .timeout(Duration.ofSeconds(30)).DELETE().build();
        return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** A JSON POST signed like {@link #signedGet} (the operator's replay request). */
    static Reply signedPost(URI endpoint, String path, String json) throws IOException, InterruptedException {
        byte[] body = json.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        HttpRequest request = signed(SdkHttpMethod.POST, endpoint, path, Map.of(), body)
                .timeout(Duration.ofSeconds(60)).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        JsonNode parsed;
        try {
            parsed = JSON.readTree(response.body());
        } catch (IOException e) {
            parsed = null;
        }
        return new Reply(response.statusCode(), response.body(), parsed);
    }

    /**
     * A request to {@code path} with the SigV4 headers of the benchmark's credentials (service
     * {@code chime}); the caller sets the method's body publisher and timeout.
     *
     * @param body the JSON body to sign (sent as application/json), or null for none
     */
    private static HttpRequest.Builder signed(SdkHttpMethod method, URI endpoint, String path,
                                              Map<String, List<String>> query, byte[] body) {
        SdkHttpRequest.Builder builder = SdkHttpRequest.builder()
                .method(method)
                .protocol(endpoint.getScheme())
                .host(endpoint.getHost())
                .port(endpoint.getPort())
                .encodedPath(path)
                .putHeader("Host", endpoint.getHost() + ":" + endpoint.getPort());
        if (body != null) builder.putHeader("Content-Type", "application/json");
        query.forEach(builder::putRawQueryParameter);
        SdkHttpRequest unsigned = builder.build();
        SdkHttpRequest signed = AwsV4HttpSigner.create().sign(r -> {
            r.identity(AwsCredentialsIdentity.create(ACCESS_KEY_ID, SECRET_ACCESS_KEY))
                    .request(unsigned)
                    .putProperty(AwsV4HttpSigner.REGION_NAME, REGION)
                    .putProperty(AwsV4FamilyHttpSigner.SERVICE_SIGNING_NAME, "chime");
            if (body != null) r.payload(software.amazon.awssdk.http.ContentStreamProvider.fromByteArray(body));
        }).request();
        HttpRequest.Builder request = HttpRequest.newBuilder(signed.getUri());
        signed.headers().forEach((name, values) -> {
            if (!RESTRICTED.contains(name.toLowerCase(Locale.ROOT))) values.forEach(v -> request.header(name, v));
        });
        return request;
    }

    /** Unsigned GET /actuator/health; true when it answers {"status":"UP"}. */
    static boolean healthy(URI endpoint) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(endpoint.resolve("/actuator/health"))
                    .timeout(Duration.ofSeconds(2)).GET().build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 && JSON.readTree(response.body()).path("status").asText().equals("UP");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    record Reply(int status, String text, JsonNode json) {}

    /**
     * One routing-hook decision (CreateProxyInteraction) as a SIP server asks it: HTTP Basic with
     * the hook credential, keep-alive. Fails unless the answer is 201 with the {@code expected} action.
     */
    static void interaction(URI endpoint, String voiceConnectorId, String from, String to, String expected)
            throws IOException, InterruptedException {
        String body = "{\"Type\":\"Voice\",\"FromPhoneNumber\":\"" + from + "\",\"ToPhoneNumber\":\"" + to + "\"}";
        HttpRequest request = HttpRequest.newBuilder(endpoint.resolve("/voice-connectors/" + voiceConnectorId
                        + "/proxy-interactions"))
                .timeout(Duration.ofSeconds(120))
                .header("Authorization", HOOK_AUTHORIZATION)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 201 || !response.body().contains("\"Action\":\"" + expected + "\"")) {
            throw new IllegalStateException("CreateProxyInteraction answered " + response.statusCode() + " "
                    + response.body());
        }
    }

    private static final String HOOK_AUTHORIZATION = "Basic " + java.util.Base64.getEncoder().encodeToString(
            (HOOK_KEY_ID + ":" + HOOK_SECRET).getBytes(java.nio.charset.StandardCharsets.UTF_8));
}
