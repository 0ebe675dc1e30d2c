package io.proxyline.query.connector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.proxyline.api.connector.ProxyConfigPutEvent;
import io.proxyline.api.connector.VoiceConnectorCreatedEvent;
import io.proxyline.api.wire.AwsErrorCode;
import io.proxyline.api.wire.Caller;
import io.proxyline.api.wire.ProxyRejected;
import io.proxyline.query.FakeAwsRequests;
import io.proxyline.query.InMemoryMongo;
import io.proxyline.query.ProjectionDriver;
import io.proxyline.query.consistency.ReadConsistencies;
import io.proxyline.web.Callers;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

/** Routing and wire shapes of the connector read endpoints (model validation is service-common's). */
class VoiceConnectorControllerTest {
    private static final Caller CALLER = new Caller("111122223333", "AKIAPROXYLINETEST001", "request-1");
    private static final Caller STRANGER = new Caller("444455556666", "AKIAPROXYLINETEST002", "request-2");
    private static final Instant T0 = Instant.parse("2024-03-01T10:00:00Z");

    @RegisterExtension
    static final InMemoryMongo mongo = new InMemoryMongo();

    private final FakeAwsRequests aws = new FakeAwsRequests();
    private MockMvc mvc;

    @BeforeEach
    void setUp() {
        VoiceConnectorStore store = new MongoVoiceConnectorStore(mongo.database());
        ProjectionDriver driver = new ProjectionDriver(new VoiceConnectorProjection(store));
        driver.apply(new VoiceConnectorCreatedEvent("vc1", CALLER.accountId(), "one", "us-east-1", false, null, null, T0));
        driver.apply(new VoiceConnectorCreatedEvent("vc2", CALLER.accountId(), "two", "us-east-1", false, null, null, T0));
        driver.apply(new ProxyConfigPutEvent("vc1", 30, List.of("US", "CA"), null, false, T0));
        mvc = MockMvcBuilders.standaloneSetup(new VoiceConnectorController(
                aws, ReadConsistencies.nothingToWaitFor(), new VoiceConnectorQueries(store))).build();
    }

    private static MockHttpServletRequestBuilder as(Caller caller, MockHttpServletRequestBuilder request) {
        return request.requestAttr(Callers.ATTRIBUTE, caller);
    }

    @Test
    void getVoiceConnector() throws Exception {
        mvc.perform(as(CALLER, get("/voice-connectors/vc1")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.VoiceConnector.VoiceConnectorId").value("vc1"))
                .andExpect(jsonPath("$.VoiceConnector.CreatedTimestamp").value("2024-03-01T10:00:00.000Z"));
        assertThat(aws.lastOperation()).isEqualTo("GetVoiceConnector");
    }

    @Test
    void listVoiceConnectorsPages() throws Exception {
        String body = mvc.perform(as(CALLER, get("/voice-connectors").param("max-results", "1")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.VoiceConnectors.length()").value(1))
                .andExpect(jsonPath("$.VoiceConnectors[0].VoiceConnectorId").value("vc1"))
                .andReturn().getResponse().getContentAsString();
        String token = com.jayway.jsonpath.JsonPath.read(body, "$.NextToken");

        mvc.perform(as(CALLER, get("/voice-connectors").param("max-results", "1").param("next-token", token)))
                .andExpect(jsonPath("$.VoiceConnectors[0].VoiceConnectorId").value("vc2"))
                .andExpect(jsonPath("$.NextToken").doesNotExist());
        assertThat(aws.lastOperation()).isEqualTo("ListVoiceConnectors");
    }

    @Test
    void getVoiceConnectorProxy() throws Exception {
        mvc.perform(as(CALLER, get("/voice-connectors/vc1/programmable-numbers/proxy")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.Proxy.DefaultSessionExpiryMinutes").value(30))
                .andExpect(jsonPath("$.Proxy.PhoneNumberCountries[1]").value("CA"))
                .andExpect(jsonPath("$.Proxy.FallBackPhoneNumber").doesNotExist());
        assertThat(aws.lastOperation()).isEqualTo("GetVoiceConnectorProxy");
    }

    @Test
    void anotherAccountGetsNotFound() {
        assertThatThrownBy(() -> mvc.perform(as(STRANGER, get("/voice-connectors/vc1"))))
                .hasCauseInstanceOf(ProxyRejected.class)
                .cause()
                .satisfies(e -> assertThat(((ProxyRejected) e).code()).isEqualTo(AwsErrorCode.NOT_FOUND));
    }
}
