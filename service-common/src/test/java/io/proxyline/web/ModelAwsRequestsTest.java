package io.proxyline.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.proxyline.api.wire.AwsErrorCode;
import io.proxyline.api.wire.ProxyRejected;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.mock.web.MockHttpServletRequest;

class ModelAwsRequestsTest {
    private static final AwsModel MODEL = AwsModel.load();
    private static final Map<String, String> VC = Map.of("voiceConnectorId", "vc-1");
    private static final String VALID_SESSION =
            "{\"ParticipantPhoneNumbers\":[\"+12065550100\",\"+12065550101\"],\"Capabilities\":[\"Voice\",\"SMS\"]";

    private final ModelAwsRequests requests = new ModelAwsRequests(MODEL);

    private static MockHttpServletRequest request(String method, String query, String body) {
        MockHttpServletRequest request = new MockHttpServletRequest(method, "/");
        request.setQueryString(query);
        if (body != null) {
            request.setContent(body.getBytes(StandardCharsets.UTF_8));
        }
        return request;
    }

    private ObjectNode createSession(String bodyTail) {
        return requests.read("CreateProxySession", request("POST", null, VALID_SESSION + bodyTail + "}"), VC);
    }

    private String rejectedCreate(String body) {
        return rejected("CreateProxySession", request("POST", null, body), VC);
    }

    private String rejected(String operation, MockHttpServletRequest request, Map<String, String> labels) {
        ProxyRejected e = catchThrowableOfType(ProxyRejected.class, () -> requests.read(operation, request, labels));
        assertThat(e).as("expected a BadRequest").isNotNull();
        assertThat(e.code()).isEqualTo(AwsErrorCode.BAD_REQUEST);
        return e.getMessage();
    }

    @Nested
    class Merging {
        @Test
        void bodyAndUriLabelsMergeIntoOneObjectByMemberName() {
            ObjectNode input = createSession(",\"ExpiryMinutes\":60,\"Name\":\"ride 42\"");

            assertThat(input.get("VoiceConnectorId").textValue()).isEqualTo("vc-1");
            assertThat(input.get("ExpiryMinutes").intValue()).isEqualTo(60);
            assertThat(input.get("Name").textValue()).isEqualTo("ride 42");
            assertThat(input.get("Capabilities")).hasSize(2);
        }

        @Test
        void unknownMembersAreDroppedAtEveryLevel() {
            ObjectNode input = createSession(",\"Surprise\":1,\"GeoMatchParams\":{\"Country\":\"US\",\"AreaCode\":\"206\",\"Extra\":true}");

            assertThat(input.has("Surprise")).isFalse();
            assertThat(input.get("GeoMatchParams").fieldNames()).toIterable().containsExactly("AreaCode", "Country");
        }

        @Test
        void aBodyMemberNeverOverridesAUriLabel() {
            ObjectNode input = createSession(",\"VoiceConnectorId\":\"from-body\"");

            assertThat(input.get("VoiceConnectorId").textValue()).isEqualTo("vc-1");
        }

        @Test
        void emptyAndWhitespaceBodiesCountAsAnEmptyObject() {
            Map<String, String> labels = Map.of("voiceConnectorId", "vc-1", "proxySessionId", "ps-1");

            assertThat(requests.read("GetProxySession", request("GET", null, null), labels)).hasSize(2);
            assertThat(requests.read("GetProxySession", request("GET", null, " \n "), labels)).hasSize(2);
        }

        @Test
        void queryStringMembersAreReadByLocationNameWithTheirModelType() {
            ObjectNode input = requests.read("ListProxySessions",
                    request("GET", "max-results=5&next-token=a%2Bb%20c&status=Open", null), VC);

            assertThat(input.get("MaxResults").isInt()).isTrue();
            assertThat(input.get("MaxResults").intValue()).isEqualTo(5);
            assertThat(input.get("NextToken").textValue()).isEqualTo("a+b c");
            assertThat(input.get("Status").textValue()).isEqualTo("Open");
        }

        @Test
        void theOperationSelectorInTheRequestUriIsNotAMember() {
            ObjectNode input = requests.read("AssociatePhoneNumbersWithVoiceConnector",
                    request("POST", "operation=associate-phone-numbers", "{\"E164PhoneNumbers\":[\"+12065550100\"]}"), VC);

            assertThat(input.fieldNames()).toIterable().containsExactlyInAnyOrder("VoiceConnectorId", "E164PhoneNumbers");
        }

        @Test
        void theBodyCachedByTheAuthenticationFilterIsTheOneRead() {
            MockHttpServletRequest request = request("POST", null, null);
            request.setAttribute(CachedBodyRequest.ATTRIBUTE, (VALID_SESSION + "}").getBytes(StandardCharsets.UTF_8));

            assertThat(requests.read("CreateProxySession", request, VC).get("Capabilities")).hasSize(2);
        }
    }

    @Nested
    class TypesAreStrict {
        @Test
        void aStringWhereAnIntegerIsExpectedIsRejectedNamingTheMember() {
            assertThat(rejectedCreate(VALID_SESSION + ",\"ExpiryMinutes\":\"x\"}")).isEqualTo(
                    "1 validation error detected: Value 'x' at 'ExpiryMinutes' failed to satisfy constraint: "
                            + "Member must be of type integer");
        }

        @Test
        void aNumericStringIsNotCoercedToAnInteger() {
            assertThat(rejectedCreate(VALID_SESSION + ",\"ExpiryMinutes\":\"60\"}"))
                    .contains("Value '60' at 'ExpiryMinutes'", "Member must be of type integer");
        }

        @ParameterizedTest
        @ValueSource(strings = {"60.0", "60.5", "6e1", "2147483648", "true", "[60]", "{}"})
        void anythingButAnIntegralIntIsRejectedForAnInteger(String value) {
            assertThat(rejectedCreate(VALID_SESSION + ",\"ExpiryMinutes\":" + value + "}"))
                    .contains("at 'ExpiryMinutes' failed to satisfy constraint: Member must be of type integer");
        }

        @ParameterizedTest
        @ValueSource(strings = {"42", "4.2", "true", "[\"a\"]", "{\"a\":1}"})
        void aNonStringWhereAStringIsExpectedIsRejected(String value) {
            assertThat(rejectedCreate(VALID_SESSION + ",\"NumberSelectionBehavior\":" + value + "}"))
                    .contains("at 'NumberSelectionBehavior' failed to satisfy constraint: Member must be of type string");
        }

        @Test
        void aStringWhereABooleanIsExpectedIsRejected() {
            assertThat(rejected("PutVoiceConnectorProxy", request("PUT", null,
                    "{\"DefaultSessionExpiryMinutes\":60,\"PhoneNumberPoolCountries\":[\"US\"],\"Disabled\":\"false\"}"), VC))
                    .contains("Value 'false' at 'Disabled' failed to satisfy constraint: Member must be of type boolean");
        }

        @Test
        void anObjectWhereAListIsExpectedIsRejected() {
            assertThat(rejectedCreate("{\"ParticipantPhoneNumbers\":[\"+12065550100\",\"+12065550101\"],\"Capabilities\":{}}"))
                    .contains("at 'Capabilities' failed to satisfy constraint: Member must be of type list");
        }

        @Test
        void aListWhereAStructureIsExpectedIsRejected() {
            assertThat(rejectedCreate(VALID_SESSION + ",\"GeoMatchParams\":[]}"))
                    .contains("at 'GeoMatchParams' failed to satisfy constraint: Member must be of type structure");
        }

        @Test
        void listElementsAreCheckedWithTheirPosition() {
            assertThat(rejectedCreate("{\"ParticipantPhoneNumbers\":[\"+12065550100\",\"+12065550101\"],\"Capabilities\":[\"Voice\",7]}"))
                    .contains("Value '7' at 'Capabilities.2.member' failed to satisfy constraint: Member must be of type string");
        }
    }

    @Nested
    class NullAndMissing {
        @Test
        void nullForARequiredMemberIsRejected() {
            assertThat(rejectedCreate("{\"ParticipantPhoneNumbers\":[\"+12065550100\",\"+12065550101\"],\"Capabilities\":null}"))
                    .isEqualTo("1 validation error detected: Value null at 'Capabilities' failed to satisfy constraint: "
                            + "Member must not be null");
        }

        @Test
        void nullForAnOptionalMemberIsTreatedAsAbsent() {
            ObjectNode input = createSession(",\"ExpiryMinutes\":null,\"GeoMatchParams\":null");

            assertThat(input.has("ExpiryMinutes")).isFalse();
            assertThat(input.has("GeoMatchParams")).isFalse();
        }

        @Test
        void everyMissingRequiredMemberIsReported() {
            assertThat(rejected("CreateProxySession", request("POST", null, "{}"), Map.of()))
                    .startsWith("3 validation errors detected: ")
                    .contains("Value null at 'ParticipantPhoneNumbers' failed to satisfy constraint: Member must not be null",
                            "Value null at 'Capabilities'", "Value null at 'VoiceConnectorId'");
        }

        @Test
        void aMissingRequiredMemberOfANestedStructureIsReportedWithItsPath() {
            assertThat(rejectedCreate(VALID_SESSION + ",\"GeoMatchParams\":{\"Country\":\"US\"}}"))
                    .contains("Value null at 'GeoMatchParams.AreaCode' failed to satisfy constraint: Member must not be null");
        }

        @Test
        void aNullListElementIsRejected() {
            assertThat(rejectedCreate("{\"ParticipantPhoneNumbers\":[\"+12065550100\",\"+12065550101\"],\"Capabilities\":[null]}"))
                    .contains("Value null at 'Capabilities.1.member' failed to satisfy constraint: Member must not be null");
        }
    }

    @Nested
    class Constraints {
        @Test
        void aStringMustMatchItsPattern() {
            assertThat(rejectedCreate(VALID_SESSION + ",\"GeoMatchParams\":{\"Country\":\"usa\",\"AreaCode\":\"206\"}}"))
                    .contains("Value 'usa' at 'GeoMatchParams.Country' failed to satisfy constraint: "
                            + "Member must satisfy regular expression pattern: ^$|^[A-Z]{2,2}$");
        }

        @Test
        void anUnanchoredPatternNeedsToMatchOnlySomewhereAsInSmithy() {
            ObjectNode input = requests.read("CreateVoiceConnector",
                    request("POST", null, "{\"Name\":\"!!edge-1!!\",\"RequireEncryption\":false}"), Map.of());

            assertThat(input.get("Name").textValue()).isEqualTo("!!edge-1!!");
            assertThat(rejected("CreateVoiceConnector",
                    request("POST", null, "{\"Name\":\"!!!\",\"RequireEncryption\":false}"), Map.of()))
                    .contains("Value '!!!' at 'Name' failed to satisfy constraint: Member must satisfy regular expression pattern");
        }

        @Test
        void sensitiveValuesAreNotEchoedInTheMessage() {
            String message = rejectedCreate("{\"ParticipantPhoneNumbers\":[\"+12065550100\",\"call-me\"],\"Capabilities\":[\"Voice\"]}");

            assertThat(message).contains("Value '*** Sensitive Data Redacted ***' at 'ParticipantPhoneNumbers.2.member'")
                    .doesNotContain("call-me");
        }

        @Test
        void aStringLengthIsBoundedByMinAndMax() {
            String longId = "v".repeat(129);
            assertThat(rejected("GetVoiceConnectorProxy", request("GET", null, null), Map.of("voiceConnectorId", longId)))
                    .contains("at 'VoiceConnectorId' failed to satisfy constraint: Member must have length less than or equal to 128");
            assertThat(rejected("GetVoiceConnectorProxy", request("GET", null, null), Map.of("voiceConnectorId", "")))
                    .startsWith("2 validation errors detected: ")
                    .contains("Member must have length greater than or equal to 1",
                            "Member must satisfy regular expression pattern: .*\\S.*");
        }

        @Test
        void lengthCountsCharactersNotBytes() {
            assertThat(requests.read("GetVoiceConnectorProxy", request("GET", null, null),
                    Map.of("voiceConnectorId", "\uD83D\uDCDE".repeat(128))).get("VoiceConnectorId").textValue()).hasSize(256);
        }

        @Test
        void aListSizeIsBoundedByMinAndMax() {
            assertThat(rejectedCreate("{\"ParticipantPhoneNumbers\":[\"+12065550100\"],\"Capabilities\":[\"Voice\"]}"))
                    .contains("at 'ParticipantPhoneNumbers' failed to satisfy constraint: Member must have length greater than or equal to 2");
            assertThat(rejectedCreate("{\"ParticipantPhoneNumbers\":[\"+12065550100\",\"+12065550101\",\"+12065550102\"],"
                    + "\"Capabilities\":[\"Voice\"]}"))
                    .contains("at 'ParticipantPhoneNumbers' failed to satisfy constraint: Member must have length less than or equal to 2");
        }

        @Test
        void anIntegerValueIsBoundedByMinAndMax() {
            assertThat(rejectedCreate(VALID_SESSION + ",\"ExpiryMinutes\":0}"))
                    .contains("Value '0' at 'ExpiryMinutes' failed to satisfy constraint: Member must have value greater than or equal to 1");
            assertThat(rejected("ListProxySessions", request("GET", "max-results=101", null), VC))
                    .contains("Value '101' at 'MaxResults' failed to satisfy constraint: Member must have value less than or equal to 100");
        }

        @Test
        void enumValuesAreCaseSensitive() {
            assertThat(rejectedCreate("{\"ParticipantPhoneNumbers\":[\"+12065550100\",\"+12065550101\"],\"Capabilities\":[\"voice\"]}"))
                    .contains("Value 'voice' at 'Capabilities.1.member' failed to satisfy constraint: "
                            + "Member must satisfy enum value set: [Voice, SMS]");
            assertThat(createSession(",\"NumberSelectionBehavior\":\"AvoidSticky\"").get("NumberSelectionBehavior").textValue())
                    .isEqualTo("AvoidSticky");
        }

        @Test
        void manyViolationsAreCountedButOnlyTheFirstTenListed() {
            StringBuilder capabilities = new StringBuilder();
            for (int i = 0; i < 25; i++) {
                capabilities.append(i == 0 ? "" : ",").append("\"x").append(i).append('"');
            }
            String message = rejectedCreate("{\"ParticipantPhoneNumbers\":[\"+12065550100\",\"+12065550101\"],\"Capabilities\":["
                    + capabilities + "]}");

            assertThat(message).startsWith("25 validation errors detected: ").endsWith("; and 15 more");
        }
    }

    @Nested
    class QueryString {
        @ParameterizedTest
        @ValueSource(strings = {"abc", "5.0", "", "99999999999", "0x10"})
        void aQueryStringIntegerMustParseAsAnInteger(String value) {
            assertThat(rejected("ListProxySessions", request("GET", "max-results=" + value, null), VC))
                    .contains("Value '" + value + "' at 'MaxResults' failed to satisfy constraint: Member must be of type integer");
        }

        @Test
        void aRepeatedScalarQueryParameterIsRejected() {
            assertThat(rejected("ListProxySessions", request("GET", "status=Open&status=Closed", null), VC))
                    .contains("at 'Status' failed to satisfy constraint: Member must have a single value");
        }

        @Test
        void aMalformedPercentEscapeIsRejected() {
            assertThat(rejected("ListProxySessions", request("GET", "next-token=%zz", null), VC))
                    .isEqualTo("Malformed query string: invalid percent-encoding");
        }
    }

    @Nested
    class Json {
        @ParameterizedTest
        @ValueSource(strings = {"{\"Name\":", "{'Name':'a'}", "{\"Name\":\"a\",}", "{Name:1}", "\u00ff\u00fe"})
        void malformedJsonIsABadRequest(String body) {
            assertThat(rejectedCreate(body)).startsWith("Malformed JSON in request body: ");
        }

        @ParameterizedTest
        @ValueSource(strings = {"[]", "\"text\"", "42", "true", "null"})
        void aBodyThatIsNotAnObjectIsABadRequest(String body) {
            assertThat(rejectedCreate(body)).startsWith("The request body must be a JSON object, not ");
        }

        @Test
        void duplicateKeysAreRejectedAtAnyDepth() {
            assertThat(rejectedCreate("{\"Name\":\"a\",\"Name\":\"b\"}"))
                    .startsWith("Malformed JSON in request body: Duplicate field 'Name'");
            assertThat(rejectedCreate(VALID_SESSION + ",\"GeoMatchParams\":{\"Country\":\"US\",\"Country\":\"CA\"}}"))
                    .contains("Duplicate field 'Country'");
        }

        @ParameterizedTest
        @ValueSource(strings = {"{} x", "{}{}", "{} []", "{}]"})
        void trailingContentAfterTheObjectIsRejected(String body) {
            assertThat(rejectedCreate(body)).startsWith("Malformed JSON in request body: ");
        }

        @Test
        void aBodyOverTheLimitIsRejectedWhenReadWithoutTheFilter() {
            MockHttpServletRequest request = request("POST", null, null);
            request.setContent(new byte[CachedBodyRequest.MAX_BODY_BYTES + 1]);

            assertThat(rejected("CreateProxySession", request, VC)).contains("exceeds the limit of 1048576 bytes");
        }
    }
}
