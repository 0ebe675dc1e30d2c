package io.proxyline.query.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.proxyline.api.connector.VoiceConnectorCreatedEvent;
import io.proxyline.api.session.Capability;
import io.proxyline.api.session.CloseReason;
import io.proxyline.api.session.ProxySessionClosedEvent;
import io.proxyline.api.session.ProxySessionCreatedEvent;
import io.proxyline.api.session.ProxySessionInProgressEvent;
import io.proxyline.api.wire.Caller;
import io.proxyline.query.FakeAwsRequests;
import io.proxyline.query.InMemoryMongo;
import io.proxyline.query.MutableClock;
import io.proxyline.query.ProjectionDriver;
import io.proxyline.query.connector.ConnectorReadModel;
import io.proxyline.query.consistency.ReadConsistencies;
import io.proxyline.web.Callers;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

/** Routing and wire shapes of the proxy-session read endpoints. */
class ProxySessionControllerTest {
    private static final Caller CALLER = new Caller("111122223333", "AKIAPROXYLINETEST001", "request-1");
    private static final Instant T0 = Instant.parse("2024-03-01T10:00:00Z");

    @RegisterExtension
    static final InMemoryMongo mongo = new InMemoryMongo();

    private final FakeAwsRequests aws = new FakeAwsRequests();
    private MockMvc mvc;

    @BeforeEach
    void setUp() {
        ConnectorReadModel connectors = ConnectorReadModel.on(mongo.database());
        new ProjectionDriver(connectors.projection())
                .apply(new VoiceConnectorCreatedEvent("vc1", CALLER.accountId(), "one", "us-east-1", false, null, null, T0));
        ProxySessionStore store = new MongoProxySessionStore(mongo.database());
        ProjectionDriver sessions = new ProjectionDriver(new ProxySessionProjection(store));
        for (int i = 0; i < 3; i++) {
            sessions.apply(new ProxySessionCreatedEvent("vc1", CALLER.accountId(), "s" + i, i,
                    List.of("+12065550100", "+12065550101"), "+12065550199", Set.of(Capability.VOICE), 60, null, null, null,
                    null, T0));
        }
        sessions.apply(new ProxySessionClosedEvent("vc1", "s1", CloseReason.PROXY_CONFIG_DELETED, T0.plusSeconds(5)));
        sessions.apply(new ProxySessionInProgressEvent("vc1", "s2", "i1", T0.plusSeconds(7)));
        ProxySessionQueries queries = new ProxySessionQueries(store, connectors.access(), new MutableClock(T0.plusSeconds(10)));
        mvc = MockMvcBuilders.standaloneSetup(
                new ProxySessionController(aws, ReadConsistencies.nothingToWaitFor(), queries, null)).build();
    }

    @Test
    void getProxySession() throws Exception {
        mvc.perform(get("/voice-connectors/vc1/proxy-sessions/s1").requestAttr(Callers.ATTRIBUTE, CALLER))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.ProxySession.ProxySessionId").value("s1"))
                .andExpect(jsonPath("$.ProxySession.Status").value("Closed"))
                .andExpect(jsonPath("$.ProxySession.EndedTimestamp").value("2024-03-01T10:00:05.000Z"))
                .andExpect(jsonPath("$.ProxySession.Name").doesNotExist());
        assertThat(aws.lastOperation()).isEqualTo("GetProxySession");
    }

    @Test
    void listProxySessionsWithStatusAndMaxResults() throws Exception {
        mvc.perform(get("/voice-connectors/vc1/proxy-sessions").param("status", "Open").param("max-results", "1")
                        .requestAttr(Callers.ATTRIBUTE, CALLER))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.ProxySessions.length()").value(1))
                .andExpect(jsonPath("$.ProxySessions[0].ProxySessionId").value("s0"))
                .andExpect(jsonPath("$.NextToken").exists());
        assertThat(aws.lastOperation()).isEqualTo("ListProxySessions");
    }

    @Test
    void inProgressSessionOnTheWire() throws Exception {
        mvc.perform(get("/voice-connectors/vc1/proxy-sessions/s2").requestAttr(Callers.ATTRIBUTE, CALLER))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.ProxySession.Status").value("InProgress"))
                .andExpect(jsonPath("$.ProxySession.UpdatedTimestamp").value("2024-03-01T10:00:07.000Z"))
                .andExpect(jsonPath("$.ProxySession.EndedTimestamp").doesNotExist());
        mvc.perform(get("/voice-connectors/vc1/proxy-sessions").param("status", "InProgress")
                        .requestAttr(Callers.ATTRIBUTE, CALLER))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.ProxySessions.length()").value(1))
                .andExpect(jsonPath("$.ProxySessions[0].ProxySessionId").value("s2"))
                .andExpect(jsonPath("$.NextToken").doesNotExist());
    }
}
