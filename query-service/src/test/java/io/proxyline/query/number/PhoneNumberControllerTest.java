package io.proxyline.query.number;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.proxyline.api.connector.VoiceConnectorCreatedEvent;
import io.proxyline.api.number.OrderedNumber;
import io.proxyline.api.number.PhoneNumberAcquiredEvent;
import io.proxyline.api.number.PhoneNumberAssociatedEvent;
import io.proxyline.api.number.PhoneNumberOrderPlacedEvent;
import io.proxyline.api.wire.Caller;
import io.proxyline.query.FakeAwsRequests;
import io.proxyline.query.InMemoryMongo;
import io.proxyline.query.ProjectionDriver;
import io.proxyline.query.connector.ConnectorReadModel;
import io.proxyline.query.consistency.ReadConsistencies;
import io.proxyline.web.Callers;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

/** Routing and wire shapes of the phone-number read endpoints. */
class PhoneNumberControllerTest {
    private static final Caller CALLER = new Caller("111122223333", "AKIAPROXYLINETEST001", "request-1");
    private static final String ORDER = "0f2e6b1c-3a4d-4e5f-8a9b-0c1d2e3f4a5b";
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
        PhoneNumberStore store = new PhoneNumberStore(mongo.database());
        ProjectionDriver driver = new ProjectionDriver(new PhoneNumberProjection(store));
        driver.apply(new PhoneNumberOrderPlacedEvent(ORDER, CALLER.accountId(), "VoiceConnector",
                List.of(new OrderedNumber("+12065550100", "Acquired"), new OrderedNumber("+12065550101", "Acquired")),
                "Successful", T0));
        driver.apply(new PhoneNumberAcquiredEvent("+12065550100", CALLER.accountId(), ORDER, "VoiceConnector", null, "US", false, T0));
        driver.apply(new PhoneNumberAcquiredEvent("+12065550101", CALLER.accountId(), ORDER, "VoiceConnector", null, "US", false, T0));
        driver.apply(new PhoneNumberAssociatedEvent("+12065550101", CALLER.accountId(), "vc1", T0));
        mvc = MockMvcBuilders.standaloneSetup(new PhoneNumberController(
                aws, ReadConsistencies.nothingToWaitFor(), new PhoneNumberQueries(store, connectors.access()))).build();
    }

    @Test
    void getPhoneNumberTakesThePercentEncodedE164Number() throws Exception {
        mvc.perform(get(URI.create("/phone-numbers/%2B12065550100")).requestAttr(Callers.ATTRIBUTE, CALLER))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.PhoneNumber.PhoneNumberId").value("+12065550100"))
                .andExpect(jsonPath("$.PhoneNumber.Status").value("Unassigned"));
        assertThat(aws.lastOperation()).isEqualTo("GetPhoneNumber");
    }

    @Test
    void listPhoneNumbersByConnector() throws Exception {
        mvc.perform(get("/phone-numbers").param("filter-name", "VoiceConnectorId").param("filter-value", "vc1")
                        .requestAttr(Callers.ATTRIBUTE, CALLER))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.PhoneNumbers.length()").value(1))
                .andExpect(jsonPath("$.PhoneNumbers[0].E164PhoneNumber").value("+12065550101"))
                .andExpect(jsonPath("$.PhoneNumbers[0].Associations[0].Value").value("vc1"));
        assertThat(aws.lastOperation()).isEqualTo("ListPhoneNumbers");
    }

    @Test
    void listPhoneNumbersByStatus() throws Exception {
        mvc.perform(get("/phone-numbers").param("status", "Unassigned").requestAttr(Callers.ATTRIBUTE, CALLER))
                .andExpect(jsonPath("$.PhoneNumbers.length()").value(1))
                .andExpect(jsonPath("$.PhoneNumbers[0].E164PhoneNumber").value("+12065550100"));
    }

    @Test
    void getPhoneNumberOrder() throws Exception {
        mvc.perform(get("/phone-number-orders/" + ORDER).requestAttr(Callers.ATTRIBUTE, CALLER))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.PhoneNumberOrder.PhoneNumberOrderId").value(ORDER))
                .andExpect(jsonPath("$.PhoneNumberOrder.OrderedPhoneNumbers.length()").value(2));
        assertThat(aws.lastOperation()).isEqualTo("GetPhoneNumberOrder");
    }
}
