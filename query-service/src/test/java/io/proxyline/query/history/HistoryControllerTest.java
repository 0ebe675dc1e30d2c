package io.proxyline.query.history;

import static io.proxyline.query.history.HistoryStory.owner;
import static io.proxyline.query.history.HistoryStory.stranger;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.jayway.jsonpath.JsonPath;
import io.proxyline.api.wire.AwsErrorCode;
import io.proxyline.api.wire.Caller;
import io.proxyline.api.wire.ProxyRejected;
import io.proxyline.query.InMemoryMongo;
import io.proxyline.query.consistency.ReadConsistencies;
import io.proxyline.web.AwsErrorAdvice;
import io.proxyline.web.AwsModel;
import io.proxyline.web.Callers;
import io.proxyline.web.ModelAwsRequests;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

/**
 * ListProxySessionHistory and ListVoiceConnectorHistory on the wire, with the real model-driven
 * request reader and the AWS error mapping; and the model's GetProxySessionAt input.
 */
class HistoryControllerTest {
    private static final AwsModel MODEL = AwsModel.load();
    private static final Caller CALLER = owner("request-1");
    private static final Caller STRANGER = stranger("request-2");

    @RegisterExtension
    static final InMemoryMongo mongo = new InMemoryMongo();

    private HistoryFixture f;
    private MockMvc mvc;

    @BeforeEach
    void setUp() {
        f = new HistoryFixture(mongo.database());
        HistoryStory.tell(f);
        mvc = MockMvcBuilders.standaloneSetup(new HistoryController(new ModelAwsRequests(MODEL),
                        ReadConsistencies.nothingToWaitFor(), f.queries))
                .setControllerAdvice(new AwsErrorAdvice())
                .build();
    }

    @AfterEach
    void tearDown() {
        f.close();
    }

    private ResultActions read(Caller caller, String path) throws Exception {
        return mvc.perform(get(URI.create(path)).requestAttr(Callers.ATTRIBUTE, caller));
    }

    @Test
    void listsTheSessionsHistoryOldestFirst() throws Exception {
        read(CALLER, "/voice-connectors/vc1/proxy-sessions/s1/history")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.Events.length()").value(5))
                .andExpect(jsonPath("$.Events[0].SequenceNumber").value(3))
                .andExpect(jsonPath("$.Events[0].EventType").value("ProxySessionCreated"))
                .andExpect(jsonPath("$.Events[0].Timestamp").value("2024-03-01T10:00:10.000Z"))
                .andExpect(jsonPath("$.Events[0].Principal.AccountId").value(HistoryStory.ACCOUNT))
                .andExpect(jsonPath("$.Events[0].Principal.AccessKeyId").value("AKIAPROXYLINEOWNER01"))
                .andExpect(jsonPath("$.Events[0].RequestId").value("req-4"))
                .andExpect(jsonPath("$.Events[0].Data.ProxySessionId").value("s1"))
                .andExpect(jsonPath("$.Events[3].Principal.Service").value("proxyline-expiry"))
                .andExpect(jsonPath("$.Events[4].EventType").value("ProxySessionDeleted"))
                .andExpect(jsonPath("$.NextToken").doesNotExist());
    }

    @Test
    void listsTheConnectorsOwnHistory() throws Exception {
        read(CALLER, "/voice-connectors/vc1/history")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.Events.length()").value(6))
                .andExpect(jsonPath("$.Events[0].EventType").value("VoiceConnectorCreated"))
                .andExpect(jsonPath("$.Events[5].EventType").value("VoiceConnectorDeleted"))
                .andExpect(jsonPath("$.Events[?(@.EventType =~ /ProxySession.*/)]").isEmpty());
    }

    @Test
    void pagesWithMaxResultsAndNextToken() throws Exception {
        List<Integer> seen = new ArrayList<>();
        String path = "/voice-connectors/vc1/proxy-sessions/s1/history?max-results=3";
        String body = read(CALLER, path)
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.Events.length()").value(3))
                .andExpect(jsonPath("$.NextToken").isString())
                .andReturn().getResponse().getContentAsString();
        seen.addAll(JsonPath.read(body, "$.Events[*].SequenceNumber"));
        String token = JsonPath.read(body, "$.NextToken");

        body = read(CALLER, path + "&next-token=" + token)
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.Events.length()").value(2))
                .andExpect(jsonPath("$.NextToken").doesNotExist())
                .andReturn().getResponse().getContentAsString();
        seen.addAll(JsonPath.read(body, "$.Events[*].SequenceNumber"));

        assertThat(seen).containsExactly(3, 5, 7, 8, 9);
    }

    @Test
    void maxResultsOutsideTheModelsRangeIsABadRequest() throws Exception {
        for (String maxResults : List.of("0", "101", "-1", "ten")) {
            expectError(read(CALLER, "/voice-connectors/vc1/proxy-sessions/s1/history?max-results=" + maxResults),
                    400, "BadRequest");
            expectError(read(CALLER, "/voice-connectors/vc1/history?max-results=" + maxResults), 400, "BadRequest");
        }
    }

    @Test
    void badNextTokenIsABadRequest() throws Exception {
        expectError(read(CALLER, "/voice-connectors/vc1/proxy-sessions/s1/history?next-token=garbage"), 400, "BadRequest");
    }

    @Test
    void anotherAccountGetsNotFound() throws Exception {
        expectError(read(STRANGER, "/voice-connectors/vc1/proxy-sessions/s1/history"), 404, "NotFound");
        expectError(read(STRANGER, "/voice-connectors/vc1/history"), 404, "NotFound");
        expectError(read(CALLER, "/voice-connectors/vcX/proxy-sessions/x1/history"), 404, "NotFound");
        expectError(read(CALLER, "/voice-connectors/vcX/history"), 404, "NotFound");
    }

    @Test
    void unknownSessionOrConnectorIsNotFound() throws Exception {
        expectError(read(CALLER, "/voice-connectors/vc1/proxy-sessions/s9/history"), 404, "NotFound");
        expectError(read(CALLER, "/voice-connectors/vc9/history"), 404, "NotFound");
    }

    @Test
    void getProxySessionAtTakesTheInstantFromTheQueryString() {
        ModelAwsRequests requests = new ModelAwsRequests(MODEL);
        Map<String, String> labels = Map.of("voiceConnectorId", "vc1", "proxySessionId", "s1");

        ObjectNode in = requests.read("GetProxySessionAt", getWithQuery("at=2024-03-01T10:00:30.000Z"), labels);

        assertThat(in.get("VoiceConnectorId").asText()).isEqualTo("vc1");
        assertThat(in.get("ProxySessionId").asText()).isEqualTo("s1");
        assertThat(in.get("At").asText()).isEqualTo("2024-03-01T10:00:30.000Z");
        assertThat(f.sessionAt.get(HistoryStory.ACCOUNT, "vc1", "s1", in.get("At").asText())
                .get("ProxySession").get("Status").asText()).isEqualTo("InProgress");
        for (String query : new String[] {"at=yesterday", "at=", "at=1709287230", null}) {
            ProxyRejected e = catchThrowableOfType(ProxyRejected.class,
                    () -> requests.read("GetProxySessionAt", getWithQuery(query), labels));
            assertThat(e).as("query %s", query).isNotNull();
            assertThat(e.code()).isEqualTo(AwsErrorCode.BAD_REQUEST);
        }
    }

    private static MockHttpServletRequest getWithQuery(String query) {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/voice-connectors/vc1/proxy-sessions/s1");
        request.setQueryString(query);
        return request;
    }

    private static void expectError(ResultActions result, int httpStatus, String code) throws Exception {
        result.andExpect(status().is(httpStatus))
                .andExpect(header().string("x-amzn-ErrorType", code + "Exception"))
                .andExpect(jsonPath("$.Code").value(code))
                .andExpect(jsonPath("$.Message").isString());
    }
}
