package io.proxyline.query.interaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.jayway.jsonpath.JsonPath;
import io.proxyline.api.connector.VoiceConnectorCreatedEvent;
import io.proxyline.api.interaction.InteractionAction;
import io.proxyline.api.interaction.InteractionRecordedEvent;
import io.proxyline.api.session.Capability;
import io.proxyline.api.session.ProxySessionCreatedEvent;
import io.proxyline.api.session.ProxySessionDeletedEvent;
import io.proxyline.api.wire.Caller;
import io.proxyline.query.InMemoryMongo;
import io.proxyline.query.ProjectionDriver;
import io.proxyline.query.connector.ConnectorReadModel;
import io.proxyline.query.consistency.ReadConsistencies;
import io.proxyline.query.session.SessionReadModel;
import io.proxyline.query.web.QueryInputs;
import io.proxyline.web.AwsErrorAdvice;
import io.proxyline.web.AwsModel;
import io.proxyline.web.Callers;
import io.proxyline.web.ModelAwsRequests;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

/**
 * ListProxySessionInteractions on the wire, with the real model-driven request reader and the
 * AWS error mapping, so input errors and missing resources answer as AWS does.
 */
class InteractionControllerTest {
    private static final Caller CALLER = new Caller("111122223333", "AKIAPROXYLINETEST001", "request-1");
    private static final Caller STRANGER = new Caller("444455556666", "AKIAPROXYLINETEST002", "request-2");
    private static final Instant T0 = Instant.parse("2024-03-01T10:00:00Z");
    private static final AwsModel MODEL = AwsModel.load();

    @RegisterExtension
    static final InMemoryMongo mongo = new InMemoryMongo();

    private MockMvc mvc;
    private ProjectionDriver sessions;
    private ProjectionDriver interactions;

    @BeforeEach
    void setUp() {
        ConnectorReadModel connectors = ConnectorReadModel.on(mongo.database());
        ProjectionDriver connectorDriver = new ProjectionDriver(connectors.projection());
        connectorDriver.apply(connector("vc1", CALLER));
        connectorDriver.apply(connector("vc2", CALLER));
        connectorDriver.apply(connector("vcX", STRANGER));
        SessionReadModel sessionReadModel = SessionReadModel.on(mongo.database(), connectors.access());
        sessions = new ProjectionDriver(sessionReadModel.projection());
        sessions.apply(session("vc1", "s1", 0, CALLER));
        sessions.apply(session("vc1", "s2", 1, CALLER));
        sessions.apply(session("vcX", "x1", 0, STRANGER));
        InteractionStore store = new MongoInteractionStore(mongo.database());
        interactions = new ProjectionDriver(new InteractionProjection(store));
        for (int i = 0; i < 3; i++) {
            interactions.apply(forward("vc1", "s1", "i" + i, CALLER, T0.plusMillis(1500L * (i + 1))));
        }
        interactions.apply(forward("vcX", "x1", "k1", STRANGER, T0));
        mvc = MockMvcBuilders.standaloneSetup(new InteractionController(new ModelAwsRequests(MODEL),
                        ReadConsistencies.nothingToWaitFor(), new InteractionQueries(store, sessionReadModel.access())))
                .setControllerAdvice(new AwsErrorAdvice())
                .build();
    }

    private static VoiceConnectorCreatedEvent connector(String id, Caller owner) {
        return new VoiceConnectorCreatedEvent(id, owner.accountId(), "conn", "us-east-1", false, null, null, T0);
    }

    private static ProxySessionCreatedEvent session(String vc, String id, long ordinal, Caller owner) {
        return new ProxySessionCreatedEvent(vc, owner.accountId(), id, ordinal, List.of("+12065550100", "+12065550101"),
                "+12065550199", Set.of(Capability.VOICE, Capability.SMS), 60, null, null, null, null, T0);
    }

    private static InteractionRecordedEvent forward(String vc, String session, String id, Caller owner, Instant at) {
        return new InteractionRecordedEvent(vc, owner.accountId(), id, session, Capability.SMS, "+12065550100",
                "+12065550199", InteractionAction.FORWARD, "+12065550199", "+12065550101", null, at);
    }

    private ResultActions list(Caller caller, String path) throws Exception {
        return mvc.perform(get(URI.create(path)).requestAttr(Callers.ATTRIBUTE, caller));
    }

    @Test
    void listsTheSessionsInteractionsOldestFirst() throws Exception {
        list(CALLER, "/voice-connectors/vc1/proxy-sessions/s1/interactions")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.Interactions.length()").value(3))
                .andExpect(jsonPath("$.Interactions[0].InteractionId").value("i0"))
                .andExpect(jsonPath("$.Interactions[0].ProxySessionId").value("s1"))
                .andExpect(jsonPath("$.Interactions[0].Type").value("SMS"))
                .andExpect(jsonPath("$.Interactions[0].FromPhoneNumber").value("+12065550100"))
                .andExpect(jsonPath("$.Interactions[0].ToPhoneNumber").value("+12065550199"))
                .andExpect(jsonPath("$.Interactions[0].Action").value("Forward"))
                .andExpect(jsonPath("$.Interactions[0].ForwardFrom").value("+12065550199"))
                .andExpect(jsonPath("$.Interactions[0].ForwardTo").value("+12065550101"))
                .andExpect(jsonPath("$.Interactions[0].Reason").doesNotExist())
                .andExpect(jsonPath("$.Interactions[0].CreatedTimestamp").value("2024-03-01T10:00:01.500Z"))
                .andExpect(jsonPath("$.Interactions[1].InteractionId").value("i1"))
                .andExpect(jsonPath("$.Interactions[2].InteractionId").value("i2"))
                .andExpect(jsonPath("$.NextToken").doesNotExist());
    }

    @Test
    void pagesWithMaxResultsAndNextToken() throws Exception {
        List<String> seen = new ArrayList<>();
        String path = "/voice-connectors/vc1/proxy-sessions/s1/interactions?max-results=2";
        String body = list(CALLER, path)
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.Interactions.length()").value(2))
                .andExpect(jsonPath("$.NextToken").isString())
                .andReturn().getResponse().getContentAsString();
        seen.addAll(JsonPath.read(body, "$.Interactions[*].InteractionId"));
        String token = JsonPath.read(body, "$.NextToken");

        body = list(CALLER, path + "&next-token=" + token)
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.Interactions.length()").value(1))
                .andExpect(jsonPath("$.NextToken").doesNotExist())
                .andReturn().getResponse().getContentAsString();
        seen.addAll(JsonPath.read(body, "$.Interactions[*].InteractionId"));

        assertThat(seen).containsExactly("i0", "i1", "i2");
    }

    @Test
    void maxResultsDefaultsAsForListProxySessions() throws Exception {
        for (int i = 3; i <= QueryInputs.DEFAULT_MAX_RESULTS; i++) {
            interactions.apply(forward("vc1", "s1", "i" + i, CALLER, T0.plusSeconds(60 + i)));
        }

        list(CALLER, "/voice-connectors/vc1/proxy-sessions/s1/interactions")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.Interactions.length()").value(QueryInputs.DEFAULT_MAX_RESULTS))
                .andExpect(jsonPath("$.NextToken").isString());
    }

    @Test
    void maxResultsOutsideTheModelsRangeIsABadRequest() throws Exception {
        for (String maxResults : List.of("0", "101", "-1", "ten", "1.5")) {
            expectError(list(CALLER, "/voice-connectors/vc1/proxy-sessions/s1/interactions?max-results=" + maxResults),
                    400, "BadRequest");
        }
    }

    @Test
    void badNextTokenIsABadRequest() throws Exception {
        expectError(list(CALLER, "/voice-connectors/vc1/proxy-sessions/s1/interactions?next-token=garbage"),
                400, "BadRequest");
    }

    @Test
    void unknownConnectorIsNotFound() throws Exception {
        expectError(list(CALLER, "/voice-connectors/vc9/proxy-sessions/s1/interactions"), 404, "NotFound");
    }

    @Test
    void anotherAccountsConnectorIsNotFound() throws Exception {
        expectError(list(CALLER, "/voice-connectors/vcX/proxy-sessions/x1/interactions"), 404, "NotFound");
        expectError(list(STRANGER, "/voice-connectors/vc1/proxy-sessions/s1/interactions"), 404, "NotFound");
    }

    @Test
    void unknownSessionIsNotFound() throws Exception {
        expectError(list(CALLER, "/voice-connectors/vc1/proxy-sessions/s9/interactions"), 404, "NotFound");
    }

    @Test
    void sessionOnAnotherConnectorIsNotFound() throws Exception {
        expectError(list(CALLER, "/voice-connectors/vc2/proxy-sessions/s1/interactions"), 404, "NotFound");
    }

    @Test
    void deletedSessionIsNotFound() throws Exception {
        sessions.apply(new ProxySessionDeletedEvent("vc1", "s1", T0.plusSeconds(60)));

        expectError(list(CALLER, "/voice-connectors/vc1/proxy-sessions/s1/interactions"), 404, "NotFound");
    }

    private static void expectError(ResultActions result, int httpStatus, String code) throws Exception {
        result.andExpect(status().is(httpStatus))
                .andExpect(header().string("x-amzn-ErrorType", code + "Exception"))
                .andExpect(jsonPath("$.Code").value(code))
                .andExpect(jsonPath("$.Message").isString());
    }
}
