package io.proxyline.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.proxyline.api.wire.AwsErrorCode;
import io.proxyline.api.wire.ProxyRejected;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

class SigV4VerifierTest {
    // The AWS Signature Version 4 test suite's credentials and request time.
    private static final String SUITE_KEY = "AKIDEXAMPLE";
    private static final String SUITE_SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
    private static final Instant SUITE_TIME = Instant.parse("2015-08-30T12:36:00Z");

    private static final Instant NOW = Instant.parse("2024-05-01T10:00:00Z");
    private static final String KEY = "AKIAPROXYLINEUNIT001";
    private static final String SECRET = "unit/test+secret0000000000000000000000000";
    private static final String ACCOUNT = "111122223333";

    private final CredentialStore store = new CredentialStore(List.of(
            new AccessKey(KEY, SECRET, ACCOUNT), new AccessKey(SUITE_KEY, SUITE_SECRET, "999988887777")));
    private final SigV4Verifier chime = new SigV4Verifier(store, "chime", Clock.fixed(NOW, ZoneOffset.UTC));

    /** Signs like the AWS SDK for Java v2 does, and returns the request as the server receives it. */
    private static SigV4Verifier.Incoming sdkSigned(String method, String rawPath, Map<String, List<String>> query,
                                                   byte[] body, String secret, Instant at, String service) {
        SdkHttpRequest.Builder builder = SdkHttpRequest.builder().method(SdkHttpMethod.fromValue(method))
                .protocol("http").host("proxyline.test").port(8080).encodedPath(rawPath)
                .putHeader("Host", "proxyline.test:8080").putHeader("Content-Type", "application/json");
        query.forEach(builder::putRawQueryParameter);
        SdkHttpRequest unsigned = builder.build();
        SdkHttpRequest signed = AwsV4HttpSigner.create().sign(r -> r
                .identity(AwsCredentialsIdentity.create(KEY, secret))
                .request(unsigned)
                .payload(ContentStreamProvider.fromByteArray(body))
                .putProperty(AwsV4HttpSigner.REGION_NAME, "eu-west-1")
                .putProperty(AwsV4FamilyHttpSigner.SERVICE_SIGNING_NAME, service)
                .putProperty(HttpSigner.SIGNING_CLOCK, Clock.fixed(at, ZoneOffset.UTC))
                .putProperty(AwsV4FamilyHttpSigner.PAYLOAD_SIGNING_ENABLED, true)).request();
        return received(method, rawPath, rawQuery(unsigned), signed.headers(), body);
    }

    private static SigV4Verifier.Incoming sdkSigned(String method, String rawPath, byte[] body) {
        return sdkSigned(method, rawPath, Map.of(), body, SECRET, NOW, "chime");
    }

    private static String rawQuery(SdkHttpRequest request) {
        return request.encodedQueryParameters().orElse(null);
    }

    private static SigV4Verifier.Incoming received(String method, String rawPath, String rawQuery,
                                                   Map<String, List<String>> headers, byte[] body) {
        Map<String, List<String>> lower = new LinkedHashMap<>();
        headers.forEach((name, values) -> lower.computeIfAbsent(name.toLowerCase(Locale.ROOT), n -> new ArrayList<>()).addAll(values));
        return new SigV4Verifier.Incoming(method, rawPath, rawQuery, lower, body);
    }

    private static SigV4Verifier.Incoming withHeader(SigV4Verifier.Incoming request, String name, String value) {
        Map<String, List<String>> headers = new LinkedHashMap<>(request.headers());
        headers.put(name, List.of(value));
        return new SigV4Verifier.Incoming(request.method(), request.rawPath(), request.rawQuery(), headers, request.body());
    }

    private String refusal(SigV4Verifier verifier, SigV4Verifier.Incoming request) {
        ProxyRejected e = catchThrowableOfType(ProxyRejected.class, () -> verifier.verify(request));
        assertThat(e).as("expected the request to be refused").isNotNull();
        assertThat(e.code()).isEqualTo(AwsErrorCode.UNAUTHORIZED_CLIENT);
        return e.getMessage();
    }

    @Test
    void awsTestSuiteGetVanillaVerifiesWithoutAContentHashHeader() {
        // get-vanilla from the AWS SigV4 test suite, signed without x-amz-content-sha256 as boto3 signs.
        SigV4Verifier suite = new SigV4Verifier(store, "service", Clock.fixed(SUITE_TIME, ZoneOffset.UTC));
        SigV4Verifier.Incoming request = received("GET", "/", null, Map.of(
                "host", List.of("example.amazonaws.com"),
                "x-amz-date", List.of("20150830T123600Z"),
                "authorization", List.of("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, "
                        + "SignedHeaders=host;x-amz-date, "
                        + "Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31")), new byte[0]);

        assertThat(suite.verify(request).accountId()).isEqualTo("999988887777");
    }

    @Test
    void awsTestSuiteQueryOrderVerifies() {
        // get-vanilla-query-order-key-case: parameters arrive unsorted and are canonicalised by the signer.
        SigV4Verifier suite = new SigV4Verifier(store, "service", Clock.fixed(SUITE_TIME, ZoneOffset.UTC));
        SigV4Verifier.Incoming request = received("GET", "/", "Param2=value2&Param1=value1", Map.of(
                "host", List.of("example.amazonaws.com"),
                "x-amz-date", List.of("20150830T123600Z"),
                "authorization", List.of("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, "
                        + "SignedHeaders=host;x-amz-date, "
                        + "Signature=b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500")), new byte[0]);

        assertThat(suite.verify(request).accessKeyId()).isEqualTo(SUITE_KEY);
    }

    @Test
    void anSdkSignedRequestWithBodyPlusPathAndQueryVerifiesAndNamesItsAccount() {
        SigV4Verifier.Incoming request = sdkSigned("POST", "/phone-numbers/%2B12065550100",
                Map.of("next-token", List.of("a+b c/="), "max-results", List.of("5")),
                "{\"a\":1}".getBytes(StandardCharsets.UTF_8), SECRET, NOW, "chime");

        AccessKey key = chime.verify(request);

        assertThat(key.accountId()).isEqualTo(ACCOUNT);
        assertThat(request.rawQuery()).contains("a%2Bb%20c%2F%3D");
    }

    @Test
    void aWrongSecretIsASignatureMismatch() {
        assertThat(refusal(chime, sdkSigned("GET", "/voice-connectors", Map.of(), new byte[0], "wrong" + SECRET, NOW, "chime")))
                .startsWith("The request signature we calculated does not match the signature you provided.");
    }

    @Test
    void anUnknownAccessKeyIsRefused() {
        SigV4Verifier nobody = new SigV4Verifier(new CredentialStore(List.of()), "chime", Clock.fixed(NOW, ZoneOffset.UTC));

        assertThat(refusal(nobody, sdkSigned("GET", "/voice-connectors", new byte[0])))
                .contains("security token included in the request is invalid", KEY);
    }

    @Test
    void aBodyChangedAfterSigningIsRefused() {
        SigV4Verifier.Incoming signed = sdkSigned("POST", "/voice-connectors", "{\"Name\":\"a\"}".getBytes(StandardCharsets.UTF_8));
        SigV4Verifier.Incoming tampered = new SigV4Verifier.Incoming(signed.method(), signed.rawPath(), signed.rawQuery(),
                signed.headers(), "{\"Name\":\"b\"}".getBytes(StandardCharsets.UTF_8));

        assertThat(refusal(chime, tampered)).contains("x-amz-content-sha256 header does not match the SHA-256 of the request body");
    }

    @Test
    void aChangedPathOrQueryIsRefused() {
        SigV4Verifier.Incoming signed = sdkSigned("GET", "/phone-numbers/%2B12065550100", new byte[0]);

        assertThat(refusal(chime, new SigV4Verifier.Incoming("GET", "/phone-numbers/%2B12065550101", null,
                signed.headers(), signed.body()))).contains("signature we calculated does not match");
        assertThat(refusal(chime, new SigV4Verifier.Incoming("GET", signed.rawPath(), "max-results=1",
                signed.headers(), signed.body()))).contains("signature we calculated does not match");
    }

    @Test
    void unsignedPayloadIsNotAccepted() {
        SigV4Verifier.Incoming signed = sdkSigned("POST", "/voice-connectors", "{}".getBytes(StandardCharsets.UTF_8));

        assertThat(refusal(chime, withHeader(signed, "x-amz-content-sha256", "UNSIGNED-PAYLOAD")))
                .contains("UNSIGNED-PAYLOAD and streaming payloads are not supported");
    }

    @Test
    void aSignatureOlderThanFifteenMinutesHasExpired() {
        Instant old = NOW.minus(Duration.ofMinutes(16));

        assertThat(refusal(chime, sdkSigned("GET", "/voice-connectors", Map.of(), new byte[0], SECRET, old, "chime")))
                .isEqualTo("Signature expired: 20240501T094400Z is now earlier than 20240501T094500Z (20240501T100000Z - 15 min.)");
        assertThat(chime.verify(sdkSigned("GET", "/voice-connectors", Map.of(), new byte[0], SECRET,
                NOW.minus(Duration.ofMinutes(14)), "chime")).accountId()).isEqualTo(ACCOUNT);
    }

    @Test
    void aSignatureFromMoreThanFifteenMinutesAheadIsNotYetValid() {
        assertThat(refusal(chime, sdkSigned("GET", "/voice-connectors", Map.of(), new byte[0], SECRET,
                NOW.plus(Duration.ofMinutes(16)), "chime"))).startsWith("Signature not yet current: ");
    }

    @Test
    void aCredentialScopedToAnotherServiceIsRefused() {
        assertThat(refusal(chime, sdkSigned("GET", "/voice-connectors", Map.of(), new byte[0], SECRET, NOW, "execute-api")))
                .isEqualTo("Credential should be scoped to correct service: 'chime', not 'execute-api'");
    }

    @Test
    void aMissingAuthorizationHeaderIsRefused() {
        SigV4Verifier.Incoming signed = sdkSigned("GET", "/voice-connectors", new byte[0]);
        Map<String, List<String>> headers = new LinkedHashMap<>(signed.headers());
        headers.remove("authorization");

        assertThat(refusal(chime, new SigV4Verifier.Incoming("GET", "/voice-connectors", null, headers, new byte[0])))
                .startsWith("Missing Authentication Token");
    }

    @Test
    void malformedAuthorizationHeadersAreRefusedWithAReason() {
        SigV4Verifier.Incoming signed = sdkSigned("GET", "/voice-connectors", new byte[0]);
        String good = signed.header("authorization").get(0);

        assertThat(refusal(chime, withHeader(signed, "authorization", "Bearer abc"))).contains("only AWS4-HMAC-SHA256");
        assertThat(refusal(chime, withHeader(signed, "authorization", good.replaceAll(", Signature=[0-9a-f]+", ""))))
                .isEqualTo("Malformed Authorization header: it requires the parameter(s) Signature");
        assertThat(refusal(chime, withHeader(signed, "authorization", good.replace("/aws4_request", "/aws5_request"))))
                .contains("valid terminator: 'aws4_request'");
        assertThat(refusal(chime, withHeader(signed, "authorization", good.replace("Credential=" + KEY + "/", "Credential="))))
                .startsWith("Malformed Authorization header: Credential must be");
        assertThat(refusal(chime, withHeader(signed, "authorization", good.replace("SignedHeaders=", "SignedHeaders=x;"))))
                .isEqualTo("The signed header 'x' is not present in the request");
        assertThat(refusal(chime, withHeader(signed, "authorization", good.replaceAll("SignedHeaders=[^,]+", "SignedHeaders=x-amz-date"))))
                .contains("'Host' must be a SignedHeader");
    }

    @Test
    void theDateMustBePresentWellFormedAndMatchTheScope() {
        SigV4Verifier.Incoming signed = sdkSigned("GET", "/voice-connectors", new byte[0]);

        assertThat(refusal(chime, withHeader(signed, "x-amz-date", "2024-05-01T10:00:00Z"))).startsWith("Invalid X-Amz-Date");
        assertThat(refusal(chime, withHeader(signed, "x-amz-date", "20240502T000100Z")))
                .startsWith("Credential should be scoped to a valid date");
    }
}
