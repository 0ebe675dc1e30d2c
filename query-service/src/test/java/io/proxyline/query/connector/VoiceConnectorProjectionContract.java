package io.proxyline.query.connector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.proxyline.api.connector.NumbersAddedEvent;
import io.proxyline.api.connector.NumbersRemovedEvent;
import io.proxyline.api.connector.ProxyConfigDeletedEvent;
import io.proxyline.api.connector.ProxyConfigPutEvent;
import io.proxyline.api.connector.VoiceConnectorCreatedEvent;
import io.proxyline.api.connector.VoiceConnectorDeletedEvent;
import io.proxyline.api.wire.AwsErrorCode;
import io.proxyline.api.wire.ProxyRejected;
import io.proxyline.query.InMemoryMongo;
import io.proxyline.query.ProjectionDriver;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What both connectors adapters must do, through the projection and the queries:
 * {@link MongoVoiceConnectorProjectionTest} and {@link JdbcVoiceConnectorProjectionTest} run it.
 */
abstract class VoiceConnectorProjectionContract {
    private static final String ACCOUNT = "111122223333";
    private static final String OTHER_ACCOUNT = "444455556666";
    private static final Instant T0 = Instant.parse("2024-03-01T10:00:00.250Z");

    @RegisterExtension
    static final InMemoryMongo mongo = new InMemoryMongo();

    private ProjectionDriver driver;
    private VoiceConnectorQueries queries;
    private VoiceConnectorAccess access;

    /** A store with nothing in it. */
    abstract VoiceConnectorStore newStore();

    /** Everything the read model holds, comparable with equals. */
    abstract Object snapshot();

    abstract boolean storeIsEmpty();

    @BeforeEach
    void setUp() {
        VoiceConnectorStore store = newStore();
        driver = new ProjectionDriver(new VoiceConnectorProjection(store));
        queries = new VoiceConnectorQueries(store);
        access = new VoiceConnectorAccess(store);
    }

    private static VoiceConnectorCreatedEvent created(String id, String account, int minute) {
        return new VoiceConnectorCreatedEvent(id, account, "conn " + id, "us-east-1", true, null, null, T0.plusSeconds(60L * minute));
    }

    private List<Object> history() {
        return List.of(
                created("vc1", ACCOUNT, 0),
                new VoiceConnectorCreatedEvent("vc2", ACCOUNT, "second", "eu-west-1", false, "DUAL_STACK",
                        "CONNECT_ANALYTICS_CONNECTOR", T0.plusSeconds(60)),
                created("vcX", OTHER_ACCOUNT, 2),
                new NumbersAddedEvent("vc1", List.of("+12065550100", "+12065550101"), T0.plusSeconds(180)),
                new ProxyConfigPutEvent("vc1", 60, List.of("US"), "+12065550199", false, T0.plusSeconds(240)),
                new NumbersRemovedEvent("vc1", List.of("+12065550101"), T0.plusSeconds(300)),
                new ProxyConfigPutEvent("vc2", 30, List.of("US", "CA"), null, true, T0.plusSeconds(310)),
                new ProxyConfigDeletedEvent("vc2", T0.plusSeconds(320)),
                created("vc3", ACCOUNT, 6),
                new VoiceConnectorDeletedEvent("vc3", ACCOUNT, T0.plusSeconds(420)));
    }

    private void apply(Object event) {
        driver.apply(event);
    }

    @Test
    void applyingEveryEventTwiceGivesTheSameReadModel() {
        history().forEach(this::apply);
        var once = snapshot();

        driver.reset();
        history().forEach(e -> {
            apply(e);
            apply(e);
        });
        assertThat(snapshot()).isEqualTo(once);

        // A redelivered history (at-least-once after a crash) changes nothing either.
        history().forEach(this::apply);
        assertThat(snapshot()).isEqualTo(once);
    }

    @Test
    void resetAndReplayRebuildTheSameReadModel() {
        history().forEach(this::apply);
        var before = snapshot();

        driver.reset();
        assertThat(storeIsEmpty()).isTrue();
        history().forEach(this::apply);

        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void getVoiceConnectorAnswersTheWireShape() {
        history().forEach(this::apply);

        JsonNode vc = queries.get(ACCOUNT, "vc1").get("VoiceConnector");

        assertThat(vc.get("VoiceConnectorId").asText()).isEqualTo("vc1");
        assertThat(vc.get("AwsRegion").asText()).isEqualTo("us-east-1");
        assertThat(vc.get("Name").asText()).isEqualTo("conn vc1");
        assertThat(vc.get("OutboundHostName").asText()).isEqualTo("vc1.voiceconnector.chime.aws");
        assertThat(vc.get("RequireEncryption").booleanValue()).isTrue();
        assertThat(vc.get("CreatedTimestamp").asText()).isEqualTo("2024-03-01T10:00:00.250Z");
        assertThat(vc.get("UpdatedTimestamp").asText()).isEqualTo("2024-03-01T10:00:00.250Z");
        assertThat(vc.get("VoiceConnectorArn").asText()).isEqualTo("arn:aws:chime:us-east-1:111122223333:vc/vc1");
        assertThat(vc.has("NetworkType")).as("absent members are omitted, not null").isFalse();
        assertThat(vc.has("IntegrationType")).isFalse();

        JsonNode second = queries.get(ACCOUNT, "vc2").get("VoiceConnector");
        assertThat(second.get("NetworkType").asText()).isEqualTo("DUAL_STACK");
        assertThat(second.get("IntegrationType").asText()).isEqualTo("CONNECT_ANALYTICS_CONNECTOR");
    }

    @Test
    void anotherAccountsConnectorIsNotFoundAndNotListed() {
        history().forEach(this::apply);

        assertNotFound(() -> queries.get(ACCOUNT, "vcX"));
        assertNotFound(() -> queries.getProxy(ACCOUNT, "vcX"));
        assertNotFound(() -> access.requireVisible(ACCOUNT, "vcX"));
        assertThat(ids(queries.list(ACCOUNT, 100, null))).doesNotContain("vcX");
        assertThat(ids(queries.list(OTHER_ACCOUNT, 100, null))).containsExactly("vcX");
    }

    @Test
    void deletedConnectorIsNotFoundAndNotListed() {
        history().forEach(this::apply);

        assertNotFound(() -> queries.get(ACCOUNT, "vc3"));
        assertNotFound(() -> access.requireVisible(ACCOUNT, "vc3"));
        assertThat(ids(queries.list(ACCOUNT, 100, null))).containsExactly("vc1", "vc2");
    }

    @Test
    void unknownConnectorIsNotFound() {
        assertNotFound(() -> queries.get(ACCOUNT, "nope"));
        assertNotFound(() -> queries.getProxy(ACCOUNT, "nope"));
    }

    @Test
    void proxyConfigurationIsReadBackUntilDeleted() {
        history().forEach(this::apply);

        JsonNode proxy = queries.getProxy(ACCOUNT, "vc1").get("Proxy");
        assertThat(proxy.get("DefaultSessionExpiryMinutes").intValue()).isEqualTo(60);
        assertThat(proxy.get("Disabled").booleanValue()).isFalse();
        assertThat(proxy.get("FallBackPhoneNumber").asText()).isEqualTo("+12065550199");
        assertThat(proxy.get("PhoneNumberCountries")).extracting(JsonNode::asText).containsExactly("US");

        assertNotFound(() -> queries.getProxy(ACCOUNT, "vc2"));
    }

    @Test
    void connectorWithoutProxyConfigurationHasNoProxy() {
        apply(created("vc9", ACCOUNT, 0));

        assertNotFound(() -> queries.getProxy(ACCOUNT, "vc9"));
    }

    @Test
    void listPagesInCreationOrderAndSkipsDeletedOnes() {
        IntStream.range(0, 25).forEach(i -> apply(created("vc-%02d".formatted(i), ACCOUNT, i)));
        apply(new VoiceConnectorDeletedEvent("vc-03", ACCOUNT, T0.plusSeconds(3600)));

        List<String> seen = new ArrayList<>();
        String token = null;
        int pages = 0;
        do {
            ObjectNode page = queries.list(ACCOUNT, 10, token);
            seen.addAll(ids(page));
            token = page.has("NextToken") ? page.get("NextToken").asText() : null;
            pages++;
        } while (token != null);

        assertThat(pages).isEqualTo(3);
        assertThat(seen).hasSize(24).doesNotContain("vc-03").isSorted().doesNotHaveDuplicates();
    }

    @Test
    void aRedeliveredCreationKeepsTheConnectorsPlaceInTheList() {
        apply(created("vc-a", ACCOUNT, 0));
        apply(created("vc-b", ACCOUNT, 1));
        apply(created("vc-a", ACCOUNT, 0));
        apply(created("vc-c", ACCOUNT, 2));

        List<String> seen = new ArrayList<>();
        String token = null;
        do {
            ObjectNode page = queries.list(ACCOUNT, 1, token);
            seen.addAll(ids(page));
            token = page.has("NextToken") ? page.get("NextToken").asText() : null;
        } while (token != null);

        assertThat(seen).containsExactly("vc-a", "vc-b", "vc-c");
    }

    @Test
    void emptyAccountListsNothing() {
        ObjectNode page = queries.list(ACCOUNT, 10, null);

        assertThat(page.get("VoiceConnectors")).isEmpty();
        assertThat(page.has("NextToken")).isFalse();
    }

    @Test
    void anotherAccountsTokenIsABadRequest() {
        IntStream.range(0, 5).forEach(i -> apply(created("vc-" + i, OTHER_ACCOUNT, i)));
        String token = queries.list(OTHER_ACCOUNT, 2, null).get("NextToken").asText();

        assertThatThrownBy(() -> queries.list(ACCOUNT, 2, token))
                .isInstanceOfSatisfying(ProxyRejected.class, e -> assertThat(e.code()).isEqualTo(AwsErrorCode.BAD_REQUEST));
    }

    private static List<String> ids(ObjectNode page) {
        List<String> ids = new ArrayList<>();
        page.get("VoiceConnectors").forEach(vc -> ids.add(vc.get("VoiceConnectorId").asText()));
        return ids;
    }

    private static void assertNotFound(Runnable query) {
        assertThatThrownBy(query::run)
                .isInstanceOfSatisfying(ProxyRejected.class, e -> assertThat(e.code()).isEqualTo(AwsErrorCode.NOT_FOUND));
    }
}
