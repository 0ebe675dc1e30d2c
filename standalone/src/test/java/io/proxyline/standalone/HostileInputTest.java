package io.proxyline.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.proxyline.testing.RawHttp;
import io.proxyline.testing.SignedHttp;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Input no AWS SDK sends, through the whole standalone app on a real socket: requests the container
 * refuses before the application sees them, methods the service model does not define for a path,
 * bodies over the limit, garbage pagination tokens. Each one is an AWS-shaped 4xx, never a 5xx.
 * The decisions are in docs/design.md ("Bad input: which 4xx").
 */
class HostileInputTest extends StandaloneTestBase {

    SignedHttp signed() {
        return SignedHttp.to(endpoint()).as(KEY_A, SECRET_A);
    }

    RawHttp raw() {
        return RawHttp.to(endpoint());
    }

    /** The AWS error shape, from whichever client received it. */
    static void assertAwsError(int status, Optional<String> errorType, Optional<String> requestId,
                               Optional<String> contentType, JsonNode body, int expectedStatus, String code,
                               String messagePart) {
        assertThat(status).as("status; body %s", body).isEqualTo(expectedStatus);
        assertThat(errorType).as("x-amzn-ErrorType").contains(code + "Exception");
        assertThat(requestId).as("x-amzn-RequestId").get().asString().matches("[0-9a-f-]{36}");
        assertThat(contentType).get().asString().startsWith("application/json");
        assertThat(body.fieldNames()).toIterable().containsExactly("Code", "Message");
        assertThat(body.get("Code").asText()).isEqualTo(code);
        assertThat(body.get("Message").asText()).contains(messagePart);
    }

    static void assertAwsError(RawHttp.Response r, int status, String code, String messagePart) {
        assertAwsError(r.status(), r.header("x-amzn-ErrorType"), r.header("x-amzn-RequestId"),
                r.header("Content-Type"), r.json(), status, code, messagePart);
    }

    static void assertAwsError(SignedHttp.Response r, int status, String code, String messagePart) {
        assertAwsError(r.status(), r.header("x-amzn-ErrorType"), r.header("x-amzn-RequestId"),
                r.header("Content-Type"), r.json(), status, code, messagePart);
    }

    // --- what the container refuses: the request line and headers over the limit, malformed requests

    @Test
    void aTenThousandCharacterNextTokenIsA414() {
        SignedHttp.Response r = signed().get("/voice-connectors/vc-1/proxy-sessions?next-token=" + "a".repeat(10_000));

        assertAwsError(r, 414, "BadRequest", "request line");
    }

    @Test
    void anEightKilobyteHeaderIsA431() {
        RawHttp.Response r = raw().send("GET /voice-connectors HTTP/1.1", Map.of("X-Padding", "b".repeat(8192)));

        assertAwsError(r, 431, "BadRequest", "headers");
    }

    @Test
    void aNineThousandCharacterCredentialIsA431() {
        RawHttp.Response r = raw().send("GET /voice-connectors HTTP/1.1", Map.of("Authorization",
                "AWS4-HMAC-SHA256 Credential=" + "c".repeat(9000) + ", SignedHeaders=host, Signature=00"));

        assertAwsError(r, 431, "BadRequest", "headers");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "GET /voice connectors HTTP/1.1",
            "G(T /voice-connectors HTTP/1.1",
            "GET /voice-connectors/%zz HTTP/1.1",
            "GET voice-connectors HTTP/1.1",
            "GET /voice-connectors HTTP/9.9",
            "GET /voice-connectors?a=\u0001 HTTP/1.1",
            "\u0016\u0003\u0001\u0002\u0000\u0001\u0000\u0001\u00fc\u0003\u0003"})
    void aMalformedRequestIsA400(String requestLine) {
        assertAwsError(raw().send(requestLine, Map.of()), 400, "BadRequest", "");
    }

    // --- bodies

    @Test
    void aBodyOverTheLimitIsA413() {
        byte[] body = new byte[1_048_577];

        assertAwsError(signed().send("POST", "/voice-connectors", body, Map.of()), 413, "BadRequest",
                "Request body exceeds the limit of 1048576 bytes");
        assertAwsError(signed().sendStreamed("POST", "/voice-connectors", body), 413, "BadRequest",
                "Request body exceeds the limit of 1048576 bytes");
    }

    // --- methods: what the service model defines for a path

    @Test
    void aMethodTheModelDoesNotDefineForAKnownPathIsA405WithAllow() {
        SignedHttp.Response r = signed().send("PATCH", "/voice-connectors", new byte[0], Map.of());

        assertAwsError(r, 405, "BadRequest", "PATCH is not allowed on /voice-connectors");
        assertThat(r.header("Allow")).contains("GET, POST");

        SignedHttp.Response delete = signed().delete("/voice-connectors");
        assertAwsError(delete, 405, "BadRequest", "DELETE is not allowed");
        assertThat(delete.header("Allow")).contains("GET, POST");

        SignedHttp.Response put = signed().put("/voice-connectors/vc-1/proxy-sessions/ps-1", "{}");
        assertAwsError(put, 405, "BadRequest", "PUT is not allowed");
        assertThat(put.header("Allow")).contains("DELETE, GET, POST");

        // Checked against the model before the signature: no SigV4 signer signs an unknown method.
        assertAwsError(raw().send("FOO /phone-numbers/%2B12065550100 HTTP/1.1", Map.of()), 405, "BadRequest",
                "FOO is not allowed");
    }

    @Test
    void optionsAndTraceAreA405InTheAwsShape() {
        SignedHttp.Response options = signed().send("OPTIONS", "/voice-connectors", new byte[0], Map.of());
        assertAwsError(options, 405, "BadRequest", "OPTIONS is not allowed");
        assertThat(options.header("Allow")).contains("GET, POST");

        RawHttp.Response trace = raw().send("TRACE /voice-connectors HTTP/1.1", Map.of("X-Echo", "secret"));
        assertAwsError(trace, 405, "BadRequest", "TRACE is not allowed");
        assertThat(trace.header("Allow")).contains("GET, POST");
        assertThat(trace.text()).doesNotContain("X-Echo");

        // Elsewhere TRACE is no operation either, and never echoes the request.
        RawHttp.Response elsewhere = raw().send("TRACE /nope HTTP/1.1", Map.of("X-Echo", "secret"));
        assertThat(elsewhere.status()).isIn(401, 404);
        assertThat(elsewhere.header("x-amzn-ErrorType")).isPresent();
        assertThat(elsewhere.text()).doesNotContain("X-Echo");
    }

    @Test
    void headIsGetWithoutABody() {
        SignedHttp.Response head = signed().send("HEAD", "/voice-connectors", new byte[0], Map.of());
        assertThat(head.status()).isEqualTo(200);
        assertThat(head.body()).isEmpty();

        SignedHttp.Response notAllowed = signed().send("HEAD", "/phone-number-orders", new byte[0], Map.of());
        assertThat(notAllowed.status()).isEqualTo(405);
        assertThat(notAllowed.header("x-amzn-ErrorType")).contains("BadRequestException");
        assertThat(notAllowed.header("Allow")).contains("POST");
    }

    @Test
    void anUnknownPathStaysA404() {
        assertAwsError(signed().send("PATCH", "/nope", new byte[0], Map.of()), 404, "NotFound",
                "Unknown operation: PATCH /nope");
    }

    // --- pagination tokens: any length, any bytes

    @ParameterizedTest
    @ValueSource(strings = {"x", "AAAA", "eyJhIjoxfQ==", "@@@", "null", "-1", "ZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZ"})
    void aGarbagePaginationTokenIsA400(String token) {
        String encoded = token.contains("%") ? token : URLEncoder.encode(token, StandardCharsets.UTF_8);
        for (String path : new String[] {"/voice-connectors", "/phone-numbers", "/voice-connectors/vc-1/proxy-sessions",
                "/event-subscriptions"}) {
            SignedHttp.Response r = signed().get(path + "?next-token=" + encoded);
            assertThat(r.status()).as("%s: %s", path, r).isIn(400, 404);
            assertThat(r.header("x-amzn-ErrorType")).as("%s", r).get().asString().endsWith("Exception");
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1000, 3000, 6000})
    void aLongGarbagePaginationTokenIsA400(int length) {
        assertAwsError(signed().get("/voice-connectors?next-token=" + "Q".repeat(length)), 400, "BadRequest",
                "Invalid NextToken");
    }
}
