package io.proxyline.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mongodb.MongoTimeoutException;
import io.proxyline.api.wire.Caller;
import io.proxyline.api.wire.ProxyRejected;
import io.proxyline.testing.AwsClients;
import io.proxyline.testing.SignedHttp;
import io.proxyline.testing.TestCredentials;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionException;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import software.amazon.awssdk.services.chime.ChimeClient;
import software.amazon.awssdk.services.chimesdkvoice.ChimeSdkVoiceClient;
import software.amazon.awssdk.services.chimesdkvoice.model.AssociatePhoneNumbersWithVoiceConnectorResponse;
import software.amazon.awssdk.services.chimesdkvoice.model.BadRequestException;
import software.amazon.awssdk.services.chimesdkvoice.model.CreateProxySessionResponse;
import software.amazon.awssdk.services.chimesdkvoice.model.NotFoundException;
import software.amazon.awssdk.services.chimesdkvoice.model.PhoneNumberError;
import software.amazon.awssdk.services.chimesdkvoice.model.UnauthorizedClientException;

/**
 * The web layer end to end, on a real port: the AWS SDK for Java v2 clients for success, raw signed
 * HTTP for everything a generated client will not send. The application is a test-only Spring Boot
 * app ({@link TestApp}) with the shared auto-configuration, an echo controller on a few AWS paths,
 * and no Axon or MongoDB.
 */
@SpringBootTest(classes = AwsWebLayerTest.TestApp.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {TestCredentials.ACCESS_KEY_PROPERTY, TestCredentials.SECRET_PROPERTY, TestCredentials.ACCOUNT_PROPERTY,
                TestCredentials.OTHER_ACCESS_KEY_PROPERTY, TestCredentials.OTHER_SECRET_PROPERTY,
                TestCredentials.OTHER_ACCOUNT_PROPERTY})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AwsWebLayerTest {
    static final String SESSION_BODY =
            "{\"ParticipantPhoneNumbers\":[\"+12065550100\",\"+12065550101\"],\"Capabilities\":[\"Voice\"]}";

    @LocalServerPort
    int port;

    private URI endpoint;
    private SignedHttp http;
    private ChimeSdkVoiceClient voice;

    @BeforeAll
    void clients() {
        endpoint = URI.create("http://localhost:" + port);
        http = SignedHttp.to(endpoint);
        voice = AwsClients.chimeSdkVoice(endpoint);
    }

    @AfterAll
    void closeClients() {
        voice.close();
    }

    /**
     * Asserts the AWS error shape: status, {@code x-amzn-ErrorType}, a request id, a JSON body with
     * exactly {@code Code} and {@code Message}, and nothing that looks like a stack trace or HTML.
     */
    static void assertAwsError(SignedHttp.Response response, int status, String code, String messagePart) {
        assertThat(response.status()).as("status of %s", response).isEqualTo(status);
        assertThat(response.header("x-amzn-ErrorType")).as("error type of %s", response).contains(code + "Exception");
        assertThat(response.header("x-amzn-RequestId")).as("request id of %s", response).get().asString()
                .matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
        assertThat(response.header("Content-Type")).get().asString().startsWith("application/json");
        assertThat(response.text()).doesNotContain("at io.", "at org.", "Exception:", "<html", "<!doctype", "<HTML");
        JsonNode body = response.json();
        assertThat(body.fieldNames()).toIterable().containsExactly("Code", "Message");
        assertThat(body.get("Code").asText()).isEqualTo(code);
        assertThat(body.get("Message").asText()).contains(messagePart);
    }

    @Nested
    class WithTheAwsSdk {
        @Test
        void createProxySessionIsSignedReadValidatedAndAttributedToTheCaller() {
            CreateProxySessionResponse response = voice.createProxySession(r -> r.voiceConnectorId("vc-1")
                    .participantPhoneNumbers("+12065550100", "+12065550101")
                    .capabilitiesWithStrings("Voice", "SMS")
                    .expiryMinutes(60));

            assertThat(response.sdkHttpResponse().statusCode()).isEqualTo(201);
            assertThat(response.proxySession().voiceConnectorId()).isEqualTo("vc-1");
            assertThat(response.proxySession().capabilitiesAsStrings()).containsExactly("Voice", "SMS");
            assertThat(response.proxySession().expiryMinutes()).isEqualTo(60);
            assertThat(response.proxySession().proxySessionId()).isEqualTo(TestCredentials.ACCOUNT_ID);
            // The echo controller returns the Caller's request id as the name: the same id as the header.
            assertThat(response.proxySession().name()).isEqualTo(response.responseMetadata().requestId());
        }

        @Test
        void aPhoneNumberWithAPlusInThePathVerifiesAndArrivesDecoded() {
            assertThat(voice.getPhoneNumber(r -> r.phoneNumberId("+12065550100")).phoneNumber().phoneNumberId())
                    .isEqualTo("+12065550100");
        }

        @Test
        void anOperationSelectedByTheQueryStringCarriesItsBody() {
            AssociatePhoneNumbersWithVoiceConnectorResponse response = voice.associatePhoneNumbersWithVoiceConnector(r -> r
                    .voiceConnectorId("vc-7").e164PhoneNumbers("+12065550100", "+442071838750"));

            assertThat(response.phoneNumberErrors()).extracting(PhoneNumberError::phoneNumberId)
                    .containsExactly("+12065550100", "+442071838750");
            assertThat(response.phoneNumberErrors().get(0).errorMessage()).isEqualTo("vc-7");
        }

        @Test
        void queryStringMembersAreSignedAndRead() {
            assertThat(voice.listProxySessions(r -> r.voiceConnectorId("vc-1").maxResults(5).nextToken("abc+/= x"))
                    .nextToken()).isEqualTo("abc+/= x|5");
        }

        @Test
        void theLegacyChimeClientIsAcceptedToo() {
            // SDK 2.40's legacy chime client keeps only the phone-number operations of that namespace.
            try (ChimeClient chime = AwsClients.chime(endpoint)) {
                assertThat(chime.getPhoneNumber(r -> r.phoneNumberId("+12065550100")).phoneNumber().phoneNumberId())
                        .isEqualTo("+12065550100");
            }
        }

        @Test
        void eachAccessKeyActsForItsOwnAccount() {
            try (ChimeSdkVoiceClient other = AwsClients.chimeSdkVoice(endpoint, TestCredentials.OTHER_ACCESS_KEY_ID,
                    TestCredentials.OTHER_SECRET_ACCESS_KEY)) {
                assertThat(other.createProxySession(r -> r.voiceConnectorId("vc-1")
                        .participantPhoneNumbers("+12065550100", "+12065550101").capabilitiesWithStrings("Voice"))
                        .proxySession().proxySessionId()).isEqualTo(TestCredentials.OTHER_ACCOUNT_ID);
            }
        }

        @Test
        void aModelViolationReachesTheSdkAsBadRequestException() {
            BadRequestException e = catchThrowableOfType(BadRequestException.class, () -> voice.createProxySession(r -> r
                    .voiceConnectorId("vc-1").participantPhoneNumbers("+12065550100").capabilitiesWithStrings("Voice")));

            assertThat(e.statusCode()).isEqualTo(400);
            assertThat(e.awsErrorDetails().errorMessage()).contains("at 'ParticipantPhoneNumbers' failed to satisfy constraint");
            assertThat(e.requestId()).isNotBlank();
        }

        @Test
        void anOperationNoControllerServesReachesTheSdkAsNotFoundException() {
            NotFoundException e = catchThrowableOfType(NotFoundException.class,
                    () -> voice.getProxySession(r -> r.voiceConnectorId("vc-1").proxySessionId("ps-1")));

            assertThat(e.awsErrorDetails().errorMessage())
                    .isEqualTo("Unknown operation: GET /voice-connectors/vc-1/proxy-sessions/ps-1");
        }

        @Test
        void aWrongSecretReachesTheSdkAsUnauthorizedClientException() {
            try (ChimeSdkVoiceClient wrong = AwsClients.chimeSdkVoice(endpoint, TestCredentials.ACCESS_KEY_ID,
                    "not-the-secret-0000000000000000000000000")) {
                UnauthorizedClientException e = catchThrowableOfType(UnauthorizedClientException.class,
                        () -> wrong.getPhoneNumber(r -> r.phoneNumberId("+12065550100")));

                assertThat(e.statusCode()).isEqualTo(401);
            }
        }

        @Test
        void aClientThatSignsWithoutAContentHashIsAcceptedLikeBotoAndTheCli() {
            SignedHttp.Response response = http.withoutContentSha256()
                    .post("/voice-connectors/vc%201/proxy-sessions?x=a%20b%2Bc", SESSION_BODY);

            assertThat(response.status()).as(response.toString()).isEqualTo(201);
            assertThat(response.json().at("/ProxySession/VoiceConnectorId").asText()).isEqualTo("vc 1");
        }
    }

    @Nested
    class Authentication {
        @Test
        void aWrongSecretIsRefused() {
            assertAwsError(http.as(TestCredentials.ACCESS_KEY_ID, "wrong-secret-000000000000000000000000000")
                    .post("/voice-connectors/vc-1/proxy-sessions", SESSION_BODY), 401, "UnauthorizedClient",
                    "The request signature we calculated does not match the signature you provided");
        }

        @Test
        void anUnknownAccessKeyIsRefused() {
            assertAwsError(http.as("AKIAUNKNOWN000000000", TestCredentials.SECRET_ACCESS_KEY)
                    .get("/phone-numbers/%2B12065550100"), 401, "UnauthorizedClient",
                    "unknown access key ID AKIAUNKNOWN000000000");
        }

        @Test
        void aBodyTamperedWithAfterSigningIsRefused() {
            assertAwsError(http.sendTampered("POST", "/voice-connectors/vc-1/proxy-sessions",
                            SESSION_BODY.getBytes(StandardCharsets.UTF_8),
                            SESSION_BODY.replace("+12065550101", "+12065550199").getBytes(StandardCharsets.UTF_8)),
                    401, "UnauthorizedClient", "x-amz-content-sha256 header does not match");
        }

        @Test
        void aBodyTamperedWithAfterABotoStyleSignatureIsRefused() {
            assertAwsError(http.withoutContentSha256().sendTampered("POST", "/voice-connectors/vc-1/proxy-sessions",
                            SESSION_BODY.getBytes(StandardCharsets.UTF_8), "{}".getBytes(StandardCharsets.UTF_8)),
                    401, "UnauthorizedClient", "signature we calculated does not match");
        }

        @Test
        void aRequestWithoutAuthorizationIsRefused() {
            assertAwsError(SignedHttp.sendUnsigned(endpoint, "GET", "/phone-numbers/%2B12065550100", new byte[0], Map.of()),
                    401, "UnauthorizedClient", "Missing Authentication Token");
        }

        @Test
        void aSignatureSixteenMinutesOldHasExpired() {
            Clock sixteenMinutesAgo = Clock.offset(Clock.systemUTC(), Duration.ofMinutes(-16));

            assertAwsError(http.withClock(sixteenMinutesAgo).get("/phone-numbers/%2B12065550100"),
                    401, "UnauthorizedClient", "Signature expired");
        }

        @Test
        void aSignatureForAnotherServiceIsRefused() {
            assertAwsError(http.withService("execute-api").get("/phone-numbers/%2B12065550100"),
                    401, "UnauthorizedClient", "Credential should be scoped to correct service: 'chime'");
        }

        @Test
        void anyRegionIsAccepted() {
            assertThat(http.withRegion("ap-southeast-2").get("/phone-numbers/%2B12065550100").status()).isEqualTo(200);
        }

        @Test
        void actuatorEndpointsOtherThanHealthNeedASignature() {
            assertAwsError(SignedHttp.sendUnsigned(endpoint, "GET", "/actuator/info", new byte[0], Map.of()),
                    401, "UnauthorizedClient", "Missing Authentication Token");
            assertAwsError(SignedHttp.sendUnsigned(endpoint, "GET", "/actuator/health/../env", new byte[0], Map.of()),
                    401, "UnauthorizedClient", "Missing Authentication Token");
            assertAwsError(http.get("/actuator/env"), 404, "NotFound", "Unknown operation: GET /actuator/env");
        }

        @Test
        void healthNeedsNoSignatureAndStillCarriesARequestId() {
            SignedHttp.Response health = SignedHttp.sendUnsigned(endpoint, "GET", "/actuator/health", new byte[0], Map.of());

            assertThat(health.status()).isEqualTo(200);
            assertThat(health.json().get("status").asText()).isEqualTo("UP");
            assertThat(health.header("x-amzn-RequestId")).isPresent();
        }
    }

    @Nested
    class Bodies {
        @Test
        void aBodyOverOneMebibyteIsRefusedBeforeItIsRead() {
            byte[] body = new byte[CachedBodyRequest.MAX_BODY_BYTES + 1];

            assertAwsError(http.send("POST", "/voice-connectors/vc-1/proxy-sessions", body, Map.of()),
                    413, "BadRequest", "Request body exceeds the limit of 1048576 bytes");
        }

        @Test
        void aChunkedBodyOverOneMebibyteIsRefusedToo() {
            byte[] body = new byte[CachedBodyRequest.MAX_BODY_BYTES + 4096];

            assertAwsError(http.sendStreamed("POST", "/voice-connectors/vc-1/proxy-sessions", body),
                    413, "BadRequest", "Request body exceeds the limit of 1048576 bytes");
        }

        @Test
        void aBodyOfExactlyOneMebibyteIsAccepted() {
            byte[] json = SESSION_BODY.getBytes(StandardCharsets.UTF_8);
            byte[] body = new byte[CachedBodyRequest.MAX_BODY_BYTES];
            Arrays.fill(body, (byte) ' ');
            System.arraycopy(json, 0, body, 0, json.length);

            assertThat(http.send("POST", "/voice-connectors/vc-1/proxy-sessions", body, Map.of()).status()).isEqualTo(201);
        }

        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
                "{\"ParticipantPhoneNumbers\":                                   | Malformed JSON in request body: ",
                "{\"Capabilities\":[\"Voice\"],\"Capabilities\":[\"SMS\"]}       | Duplicate field 'Capabilities'",
                "{} trailing                                                     | Malformed JSON in request body: ",
                "[\"+12065550100\"]                                              | The request body must be a JSON object",
                "{\"ParticipantPhoneNumbers\":[\"+12065550100\",\"+12065550101\"],\"Capabilities\":[\"Voice\"],\"ExpiryMinutes\":\"x\"}"
                        + " | Value 'x' at 'ExpiryMinutes' failed to satisfy constraint: Member must be of type integer",
                "{\"ParticipantPhoneNumbers\":[\"+12065550100\",\"+12065550101\"],\"Capabilities\":null}"
                        + " | Value null at 'Capabilities' failed to satisfy constraint: Member must not be null"})
        void badInputIsABadRequestNamingTheProblem(String body, String message) {
            assertAwsError(http.post("/voice-connectors/vc-1/proxy-sessions", body.strip()), 400, "BadRequest", message);
        }

        @Test
        void aQueryStringIntegerThatIsNotOneIsABadRequest() {
            assertAwsError(http.get("/voice-connectors/vc-1/proxy-sessions?max-results=ten"), 400, "BadRequest",
                    "Value 'ten' at 'MaxResults' failed to satisfy constraint: Member must be of type integer");
        }
    }

    @Nested
    class Routing {
        @Test
        void anUnknownPathIsNotFound() {
            assertAwsError(http.get("/nope"), 404, "NotFound", "Unknown operation: GET /nope");
        }

        @Test
        void anUnknownPathIsJsonWhateverTheClientAccepts() {
            assertAwsError(http.send("GET", "/index.html", new byte[0], Map.of("Accept", "text/html")),
                    404, "NotFound", "Unknown operation: GET /index.html");
        }

        @Test
        void aMethodTheModelDoesNotDefineForAKnownPathIsA405WithAllow() {
            SignedHttp.Response response = http.put("/voice-connectors/vc-1/proxy-sessions", "{}");

            assertAwsError(response, 405, "BadRequest",
                    "Method PUT is not allowed on /voice-connectors/vc-1/proxy-sessions: its operations use GET, POST");
            assertThat(response.header("Allow")).contains("GET, POST");
        }

        @Test
        void anOperationOfTheModelThatNoControllerServesIsNotFound() {
            assertAwsError(http.delete("/phone-numbers/%2B12065550100"), 404, "NotFound",
                    "Unknown operation: DELETE /phone-numbers/%2B12065550100");
        }

        @Test
        void aMissingOperationSelectorIsNotFound() {
            assertAwsError(http.post("/voice-connectors/vc-1", "{\"E164PhoneNumbers\":[]}"), 404, "NotFound",
                    "Unknown operation: POST /voice-connectors/vc-1");
        }

        @Test
        void theErrorPathItselfIsAnUnknownOperation() {
            assertAwsError(http.get("/error"), 404, "NotFound", "Unknown operation: GET /error");
        }

        @Test
        void aPathTheContainerRefusesBeforeTheApplicationIsStillAnAwsError() {
            // Tomcat rejects an encoded slash itself; its error report is replaced by the AWS-shaped one.
            assertAwsError(http.get("/phone-numbers/a%2Fb"), 400, "BadRequest", "The request is invalid");
        }

        @Test
        void everyResponseHasItsOwnRequestId() {
            Set<String> ids = new HashSet<>();
            for (int i = 0; i < 5; i++) {
                ids.add(http.get("/phone-numbers/%2B12065550100").header("x-amzn-RequestId").orElseThrow());
            }
            assertThat(ids).hasSize(5);
        }
    }

    @Nested
    class FailuresBehindTheController {
        @ParameterizedTest
        @CsvSource({
                "rejected-in-command, 409, Conflict, voice connector vc-1 still has phone numbers",
                "rejected-in-future,  404, NotFound, proxy session ps-1 not found",
                "concurrency,         503, ServiceUnavailable, please retry",
                "mongo-down,          503, ServiceUnavailable, please retry",
                "bug,                 500, ServiceFailure, The service encountered an internal error"})
        void areMappedToTheAwsErrorTheyStandFor(String kind, int status, String code, String message) {
            SignedHttp.Response response = http.get("/test/failures/" + kind);

            assertAwsError(response, status, code, message);
            assertThat(response.text()).doesNotContain("internal detail", "IllegalStateException");
        }

        @Test
        void aFailureInAFilterIsAnAwsErrorToo() {
            SignedHttp.Response response = http.get("/test/filter-failure");

            assertAwsError(response, 500, "ServiceFailure", "The service encountered an internal error. Request ID: "
                    + response.header("x-amzn-RequestId").orElseThrow());
            assertThat(response.text()).doesNotContain("filter detail");
        }
    }

    /**
     * A Spring Boot application with the shared web auto-configuration and nothing of Axon or the
     * stores (no event store, MongoDB or JDBC). Not a {@code @SpringBootConfiguration}: this
     * module's tests ship in a test-jar, and other modules' {@code @SpringBootTest}s must never
     * discover it as their application.
     */
    @Configuration(proxyBeanMethods = false)
    @EnableAutoConfiguration(excludeName = {
            "io.proxyline.store.StoreAutoConfiguration",
            "io.proxyline.store.AxonSerializationConfiguration",
            "org.springframework.boot.autoconfigure.mongo.MongoAutoConfiguration",
            "org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration",
            "org.axonframework.springboot.autoconfig.AvroSerializerAutoConfiguration",
            "org.axonframework.springboot.autoconfig.AxonAutoConfiguration",
            "org.axonframework.springboot.autoconfig.AxonTimeoutAutoConfiguration",
            "org.axonframework.springboot.autoconfig.AxonDbSchedulerAutoConfiguration",
            "org.axonframework.springboot.autoconfig.AxonJobRunrAutoConfiguration",
            "org.axonframework.springboot.autoconfig.AxonServerActuatorAutoConfiguration",
            "org.axonframework.springboot.autoconfig.AxonServerAutoConfiguration",
            "org.axonframework.springboot.autoconfig.AxonServerBusAutoConfiguration",
            "org.axonframework.springboot.autoconfig.AxonTracingAutoConfiguration",
            "org.axonframework.springboot.autoconfig.EventProcessingAutoConfiguration",
            "org.axonframework.springboot.autoconfig.InfraConfiguration",
            "org.axonframework.springboot.autoconfig.InterceptorAutoConfiguration",
            "org.axonframework.springboot.autoconfig.JdbcAutoConfiguration",
            "org.axonframework.springboot.autoconfig.legacyjpa.JpaJavaxAutoConfiguration",
            "org.axonframework.springboot.autoconfig.legacyjpa.JpaJavaxEventStoreAutoConfiguration",
            "org.axonframework.springboot.autoconfig.JpaAutoConfiguration",
            "org.axonframework.springboot.autoconfig.JpaEventStoreAutoConfiguration",
            "org.axonframework.springboot.autoconfig.MetricsAutoConfiguration",
            "org.axonframework.springboot.autoconfig.MicrometerMetricsAutoConfiguration",
            "org.axonframework.springboot.autoconfig.NoOpTransactionAutoConfiguration",
            "org.axonframework.springboot.autoconfig.ObjectMapperAutoConfiguration",
            "org.axonframework.springboot.autoconfig.CBORMapperAutoConfiguration",
            "org.axonframework.springboot.autoconfig.OpenTelemetryAutoConfiguration",
            "org.axonframework.springboot.autoconfig.SecurityAutoConfiguration",
            "org.axonframework.springboot.autoconfig.TransactionAutoConfiguration",
            "org.axonframework.springboot.autoconfig.UpdateCheckerAutoConfiguration",
            "org.axonframework.springboot.autoconfig.XStreamAutoConfiguration"})
    @Import(EchoController.class)
    static class TestApp {
        /** Stands in for a filter of a service that fails unexpectedly, after authentication. */
        @Bean
        FilterRegistrationBean<Filter> failingFilter() {
            FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>((request, response, chain) -> {
                if (((HttpServletRequest) request).getRequestURI().equals("/test/filter-failure")) {
                    throw new IllegalStateException("filter detail that must not reach the wire");
                }
                chain.doFilter(request, response);
            });
            registration.setOrder(ProxylineWebAutoConfiguration.RATE_LIMIT_ORDER + 1);
            return registration;
        }
    }

    /** Echoes what {@link AwsRequests} read, in the shape of each operation's AWS response. */
    @RestController
    static class EchoController {
        private final AwsRequests aws;
        private final AwsModel model;

        EchoController(AwsRequests aws, AwsModel model) {
            this.aws = aws;
            this.model = model;
        }

        @PostMapping("/voice-connectors/{voiceConnectorId}/proxy-sessions")
        ResponseEntity<ObjectNode> createProxySession(@PathVariable Map<String, String> labels, HttpServletRequest request) {
            ObjectNode input = aws.read("CreateProxySession", request, labels);
            Caller caller = Callers.of(request);
            ObjectNode session = JsonNodeFactory.instance.objectNode()
                    .put("VoiceConnectorId", input.get("VoiceConnectorId").asText())
                    .put("ProxySessionId", caller.accountId())
                    .put("Name", caller.requestId())
                    .put("Status", "Open");
            session.set("Capabilities", input.get("Capabilities"));
            if (input.has("ExpiryMinutes")) {
                session.set("ExpiryMinutes", input.get("ExpiryMinutes"));
            }
            ObjectNode body = JsonNodeFactory.instance.objectNode();
            body.set("ProxySession", session);
            return ResponseEntity.status(model.successStatus("CreateProxySession")).body(body);
        }

        @GetMapping("/voice-connectors/{voiceConnectorId}/proxy-sessions")
        ResponseEntity<ObjectNode> listProxySessions(@PathVariable Map<String, String> labels, HttpServletRequest request) {
            ObjectNode input = aws.read("ListProxySessions", request, labels);
            ObjectNode body = JsonNodeFactory.instance.objectNode();
            body.putArray("ProxySessions");
            body.put("NextToken", input.path("NextToken").asText() + "|" + input.path("MaxResults").asText());
            return ResponseEntity.status(model.successStatus("ListProxySessions")).body(body);
        }

        @GetMapping("/phone-numbers/{phoneNumberId}")
        ResponseEntity<ObjectNode> getPhoneNumber(@PathVariable Map<String, String> labels, HttpServletRequest request) {
            ObjectNode input = aws.read("GetPhoneNumber", request, labels);
            ObjectNode body = JsonNodeFactory.instance.objectNode();
            body.putObject("PhoneNumber").put("PhoneNumberId", input.get("PhoneNumberId").asText());
            return ResponseEntity.status(model.successStatus("GetPhoneNumber")).body(body);
        }

        @PostMapping(path = "/voice-connectors/{voiceConnectorId}", params = "operation=associate-phone-numbers")
        ResponseEntity<ObjectNode> associate(@PathVariable Map<String, String> labels, HttpServletRequest request) {
            ObjectNode input = aws.read("AssociatePhoneNumbersWithVoiceConnector", request, labels);
            ObjectNode body = JsonNodeFactory.instance.objectNode();
            ArrayNode errors = body.putArray("PhoneNumberErrors");
            input.get("E164PhoneNumbers").forEach(number -> errors.addObject()
                    .put("PhoneNumberId", number.asText())
                    .put("ErrorCode", "BadRequest")
                    .put("ErrorMessage", input.get("VoiceConnectorId").asText()));
            return ResponseEntity.status(model.successStatus("AssociatePhoneNumbersWithVoiceConnector")).body(body);
        }

        @GetMapping("/test/failures/{kind}")
        void fail(@PathVariable String kind) throws Exception {
            throw switch (kind) {
                case "rejected-in-command" -> new CommandExecutionException("handler failed", null,
                        ProxyRejected.conflict("voice connector vc-1 still has phone numbers"));
                case "rejected-in-future" -> new CompletionException(ProxyRejected.notFound("proxy session ps-1 not found"));
                case "concurrency" -> new CommandExecutionException("handler failed",
                        new ConcurrencyException("sequence 4 already taken"));
                case "mongo-down" -> new MongoTimeoutException("Timed out while waiting for a server");
                default -> new IllegalStateException("internal detail that must not reach the wire");
            };
        }
    }
}
