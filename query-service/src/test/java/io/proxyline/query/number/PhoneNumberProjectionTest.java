package io.proxyline.query.number;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.proxyline.api.connector.VoiceConnectorCreatedEvent;
import io.proxyline.api.number.OrderedNumber;
import io.proxyline.api.number.PhoneNumberAcquiredEvent;
import io.proxyline.api.number.PhoneNumberAssociatedEvent;
import io.proxyline.api.number.PhoneNumberDisassociatedEvent;
import io.proxyline.api.number.PhoneNumberOrderPlacedEvent;
import io.proxyline.api.number.PhoneNumberReleasedEvent;
import io.proxyline.api.wire.AwsErrorCode;
import io.proxyline.api.wire.ProxyRejected;
import io.proxyline.query.InMemoryMongo;
import io.proxyline.query.ProjectionDriver;
import io.proxyline.query.connector.ConnectorReadModel;
import io.proxyline.query.number.PhoneNumberQueries.ListFilter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class PhoneNumberProjectionTest {
    private static final String ACCOUNT = "111122223333";
    private static final String OTHER_ACCOUNT = "444455556666";
    private static final String ORDER = "0f2e6b1c-3a4d-4e5f-8a9b-0c1d2e3f4a5b";
    private static final String OTHER_ORDER = "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d";
    private static final Instant T0 = Instant.parse("2024-03-01T10:00:00Z");
    private static final ListFilter NO_FILTER = new ListFilter(null, null, null, null);

    @RegisterExtension
    static final InMemoryMongo mongo = new InMemoryMongo();

    private ProjectionDriver driver;
    private PhoneNumberQueries queries;

    @BeforeEach
    void setUp() {
        ConnectorReadModel connectors = ConnectorReadModel.on(mongo.database());
        ProjectionDriver connectorEvents = new ProjectionDriver(connectors.projection());
        for (String vc : List.of("vc1", "vc2")) {
            connectorEvents.apply(new VoiceConnectorCreatedEvent(vc, ACCOUNT, vc, "us-east-1", false, null, null, T0));
        }
        connectorEvents.apply(new VoiceConnectorCreatedEvent("vcX", OTHER_ACCOUNT, "x", "us-east-1", false, null, null, T0));
        PhoneNumberStore store = new PhoneNumberStore(mongo.database());
        driver = new ProjectionDriver(new PhoneNumberProjection(store));
        queries = new PhoneNumberQueries(store, connectors.access());
    }

    private static PhoneNumberAcquiredEvent acquired(String e164, String account, String order, int second) {
        return new PhoneNumberAcquiredEvent(e164, account, order, "VoiceConnector", null, "US", false, T0.plusSeconds(second));
    }

    private List<Object> history() {
        return List.of(
                new PhoneNumberOrderPlacedEvent(ORDER, ACCOUNT, "VoiceConnector",
                        List.of(new OrderedNumber("+12065550100", "Acquired"), new OrderedNumber("+18005550100", "Acquired"),
                                new OrderedNumber("+12065550102", "Acquired"), new OrderedNumber("+12065550999", "Failed")),
                        "Partial", T0),
                acquired("+12065550100", ACCOUNT, ORDER, 0),
                new PhoneNumberAcquiredEvent("+18005550100", ACCOUNT, ORDER, "VoiceConnector", "support-line", "US", true, T0),
                acquired("+12065550102", ACCOUNT, ORDER, 0),
                new PhoneNumberOrderPlacedEvent(OTHER_ORDER, OTHER_ACCOUNT, "VoiceConnector",
                        List.of(new OrderedNumber("+447700900100", "Acquired")), "Successful", T0.plusSeconds(5)),
                new PhoneNumberAcquiredEvent("+447700900100", OTHER_ACCOUNT, OTHER_ORDER, "VoiceConnector", null, "GB", false,
                        T0.plusSeconds(5)),
                new PhoneNumberAssociatedEvent("+12065550100", ACCOUNT, "vc1", T0.plusSeconds(60)),
                new PhoneNumberAssociatedEvent("+12065550102", ACCOUNT, "vc1", T0.plusSeconds(61)),
                new PhoneNumberDisassociatedEvent("+12065550102", ACCOUNT, "vc1", T0.plusSeconds(62)),
                new PhoneNumberAssociatedEvent("+12065550102", ACCOUNT, "vc2", T0.plusSeconds(63)),
                new PhoneNumberReleasedEvent("+18005550100", ACCOUNT, T0.plusSeconds(120)));
    }

    @Test
    void applyingEveryEventTwiceGivesTheSameReadModel() {
        driver.applyAll(history());
        var once = mongo.snapshot();

        driver.reset();
        history().forEach(e -> {
            driver.apply(e);
            driver.apply(e);
        });
        assertThat(mongo.snapshot()).isEqualTo(once);

        driver.applyAll(history());
        assertThat(mongo.snapshot()).isEqualTo(once);
    }

    @Test
    void resetAndReplayRebuildTheSameReadModel() {
        driver.applyAll(history());
        var before = mongo.snapshot();

        driver.reset();
        assertThat(mongo.snapshot()).doesNotContainKeys(PhoneNumberStore.NUMBERS, PhoneNumberStore.ORDERS,
                PhoneNumberStore.ACCOUNT_NUMBERS, PhoneNumberStore.CONNECTOR_NUMBERS);
        driver.applyAll(history());

        assertThat(mongo.snapshot()).isEqualTo(before);
    }

    @Test
    void associatedNumberIsAssignedWithItsAssociation() {
        driver.applyAll(history());

        JsonNode number = queries.get(ACCOUNT, "+12065550100").get("PhoneNumber");

        assertThat(number.get("PhoneNumberId").asText()).isEqualTo("+12065550100");
        assertThat(number.get("E164PhoneNumber").asText()).isEqualTo("+12065550100");
        assertThat(number.get("Country").asText()).isEqualTo("US");
        assertThat(number.get("Type").asText()).isEqualTo("Local");
        assertThat(number.get("ProductType").asText()).isEqualTo("VoiceConnector");
        assertThat(number.get("Status").asText()).isEqualTo("Assigned");
        assertThat(number.get("OrderId").asText()).isEqualTo(ORDER);
        assertThat(number.has("Name")).isFalse();
        assertThat(number.get("CreatedTimestamp").asText()).isEqualTo("2024-03-01T10:00:00.000Z");
        assertThat(number.get("UpdatedTimestamp").asText()).isEqualTo("2024-03-01T10:01:00.000Z");
        JsonNode capabilities = number.get("Capabilities");
        assertThat(capabilities.get("InboundCall").booleanValue()).isTrue();
        assertThat(capabilities.get("OutboundCall").booleanValue()).isTrue();
        assertThat(capabilities.get("InboundSMS").booleanValue()).isTrue();
        assertThat(capabilities.get("OutboundSMS").booleanValue()).isTrue();
        assertThat(capabilities.get("InboundMMS").booleanValue()).isFalse();
        assertThat(capabilities.get("OutboundMMS").booleanValue()).isFalse();
        JsonNode association = number.get("Associations").get(0);
        assertThat(association.get("Value").asText()).isEqualTo("vc1");
        assertThat(association.get("Name").asText()).isEqualTo("VoiceConnectorId");
        assertThat(association.get("AssociatedTimestamp").asText()).isEqualTo("2024-03-01T10:01:00.000Z");
    }

    @Test
    void unassociatedNumberIsUnassignedWithoutAssociations() {
        driver.apply(acquired("+12065550100", ACCOUNT, ORDER, 0));

        JsonNode number = queries.get(ACCOUNT, "+12065550100").get("PhoneNumber");

        assertThat(number.get("Status").asText()).isEqualTo("Unassigned");
        assertThat(number.get("Associations")).isEmpty();
    }

    @Test
    void releasedNumberIsNotFoundAndNotListed() {
        driver.applyAll(history());

        assertNotFound(() -> queries.get(ACCOUNT, "+18005550100"));
        assertThat(numbers(queries.list(ACCOUNT, NO_FILTER, 100, null))).containsExactly("+12065550100", "+12065550102");
    }

    @Test
    void numberReacquiredByAnotherAccountMovesWithIt() {
        driver.applyAll(history());
        driver.apply(acquired("+18005550100", OTHER_ACCOUNT, OTHER_ORDER, 600));

        assertThat(queries.get(OTHER_ACCOUNT, "+18005550100").get("PhoneNumber").get("Status").asText()).isEqualTo("Unassigned");
        assertNotFound(() -> queries.get(ACCOUNT, "+18005550100"));
        assertThat(numbers(queries.list(OTHER_ACCOUNT, NO_FILTER, 100, null))).containsExactly("+447700900100", "+18005550100");
        assertThat(numbers(queries.list(ACCOUNT, NO_FILTER, 100, null))).doesNotContain("+18005550100");
    }

    @Test
    void anotherAccountsNumbersAndOrdersAreNotFoundAndNotListed() {
        driver.applyAll(history());

        assertNotFound(() -> queries.get(ACCOUNT, "+447700900100"));
        assertNotFound(() -> queries.getOrder(ACCOUNT, OTHER_ORDER));
        assertThat(numbers(queries.list(ACCOUNT, NO_FILTER, 100, null))).doesNotContain("+447700900100");
        assertThat(numbers(queries.list(OTHER_ACCOUNT, new ListFilter(null, null, "VoiceConnectorId", "vc1"), 100, null)))
                .isEmpty();
    }

    @Test
    void listFiltersByStatusProductTypeAndConnector() {
        driver.applyAll(history());
        driver.apply(acquired("+12065550103", ACCOUNT, ORDER, 0));

        assertThat(numbers(queries.list(ACCOUNT, new ListFilter("Assigned", null, null, null), 100, null)))
                .containsExactly("+12065550100", "+12065550102");
        assertThat(numbers(queries.list(ACCOUNT, new ListFilter("Unassigned", null, null, null), 100, null)))
                .containsExactly("+12065550103");
        assertThat(numbers(queries.list(ACCOUNT, new ListFilter(null, "SipMediaApplicationDialIn", null, null), 100, null)))
                .isEmpty();
        assertThat(numbers(queries.list(ACCOUNT, new ListFilter(null, "VoiceConnector", null, null), 100, null)))
                .hasSize(3);
        assertThat(numbers(queries.list(ACCOUNT, new ListFilter(null, null, "VoiceConnectorId", "vc1"), 100, null)))
                .as("a number moved to another connector is no longer the first one's")
                .containsExactly("+12065550100");
        assertThat(numbers(queries.list(ACCOUNT, new ListFilter(null, null, "VoiceConnectorId", "vc2"), 100, null)))
                .containsExactly("+12065550102");
        assertThat(numbers(queries.list(ACCOUNT, new ListFilter(null, null, "SipRuleId", "rule-1"), 100, null))).isEmpty();
    }

    @Test
    void anotherAccountsConnectorFilterGivesNoHintOfItsNumbers() {
        for (int i = 0; i < 450; i++) {
            String e164 = "+4477009%05d".formatted(i);
            driver.apply(new PhoneNumberAcquiredEvent(e164, OTHER_ACCOUNT, OTHER_ORDER, "VoiceConnector", null, "GB", false, T0));
            driver.apply(new PhoneNumberAssociatedEvent(e164, OTHER_ACCOUNT, "vcX", T0));
        }

        ObjectNode page = queries.list(ACCOUNT, new ListFilter(null, null, "VoiceConnectorId", "vcX"), 100, null);

        assertThat(page.get("PhoneNumbers")).isEmpty();
        assertThat(page.has("NextToken")).isFalse();
        assertThat(numbers(queries.list(OTHER_ACCOUNT, new ListFilter(null, null, "VoiceConnectorId", "vcX"), 100, null)))
                .hasSize(100);
    }

    @Test
    void filterNameWithoutValueIsABadRequest() {
        assertThatThrownBy(() -> queries.list(ACCOUNT, new ListFilter(null, null, "VoiceConnectorId", null), 10, null))
                .isInstanceOfSatisfying(ProxyRejected.class, e -> assertThat(e.code()).isEqualTo(AwsErrorCode.BAD_REQUEST));
    }

    @Test
    void listPagesInAcquisitionOrder() {
        List<String> acquiredInOrder = IntStream.range(0, 35).mapToObj(i -> "+1206555%04d".formatted(1000 + i)).toList();
        acquiredInOrder.forEach(e164 -> driver.apply(acquired(e164, ACCOUNT, ORDER, 0)));

        List<String> seen = new ArrayList<>();
        String token = null;
        do {
            ObjectNode page = queries.list(ACCOUNT, NO_FILTER, 10, token);
            seen.addAll(numbers(page));
            token = page.has("NextToken") ? page.get("NextToken").asText() : null;
        } while (token != null);

        assertThat(seen).isEqualTo(acquiredInOrder);
    }

    @Test
    void orderIsReadBackWithItsNumbers() {
        driver.applyAll(history());

        JsonNode order = queries.getOrder(ACCOUNT, ORDER).get("PhoneNumberOrder");

        assertThat(order.get("PhoneNumberOrderId").asText()).isEqualTo(ORDER);
        assertThat(order.get("ProductType").asText()).isEqualTo("VoiceConnector");
        assertThat(order.get("Status").asText()).isEqualTo("Partial");
        assertThat(order.get("OrderType").asText()).isEqualTo("New");
        assertThat(order.get("OrderedPhoneNumbers")).hasSize(4);
        assertThat(order.get("OrderedPhoneNumbers").get(3).get("E164PhoneNumber").asText()).isEqualTo("+12065550999");
        assertThat(order.get("OrderedPhoneNumbers").get(3).get("Status").asText()).isEqualTo("Failed");
        assertThat(order.get("CreatedTimestamp").asText()).isEqualTo("2024-03-01T10:00:00.000Z");
        assertNotFound(() -> queries.getOrder(ACCOUNT, "00000000-0000-0000-0000-000000000000"));
    }

    @Test
    void tollFreeNumberWithNameShowsBoth() {
        driver.apply(new PhoneNumberAcquiredEvent("+18005550100", ACCOUNT, ORDER, "VoiceConnector", "support-line", "US", true, T0));

        JsonNode number = queries.get(ACCOUNT, "+18005550100").get("PhoneNumber");

        assertThat(number.get("Type").asText()).isEqualTo("TollFree");
        assertThat(number.get("Name").asText()).isEqualTo("support-line");
    }

    private static List<String> numbers(ObjectNode page) {
        List<String> e164s = new ArrayList<>();
        page.get("PhoneNumbers").forEach(n -> e164s.add(n.get("E164PhoneNumber").asText()));
        return e164s;
    }

    private static void assertNotFound(Runnable query) {
        assertThatThrownBy(query::run)
                .isInstanceOfSatisfying(ProxyRejected.class, e -> assertThat(e.code()).isEqualTo(AwsErrorCode.NOT_FOUND));
    }
}
