package io.proxyline.query.history;

import static io.proxyline.query.history.HistoryStory.ACCOUNT;
import static io.proxyline.query.history.HistoryStory.OTHER_ACCOUNT;
import static io.proxyline.query.history.HistoryStory.plus;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.proxyline.api.wire.AwsErrorCode;
import io.proxyline.api.wire.ProxyRejected;
import io.proxyline.query.InMemoryMongo;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * GetProxySession {@code ?at=}: folded from the session's events in the event store, found through
 * the history index. {@link HistoryStory}: s1 created at +10s with a one-minute expiry, updated at
 * +20s, InProgress at +30s, expired at +70s (recorded at +71s), deleted at +80s; s2 created at
 * +11s, closed with the proxy configuration at +90s.
 */
class SessionAtInstantTest {
    @RegisterExtension
    static final InMemoryMongo mongo = new InMemoryMongo();

    private HistoryFixture f;

    @BeforeEach
    void setUp() {
        f = new HistoryFixture(mongo.database());
        HistoryStory.tell(f);
    }

    @AfterEach
    void tearDown() {
        f.close();
    }

    private JsonNode s1At(Instant at) {
        ObjectNode out = f.sessionAt.get(ACCOUNT, "vc1", "s1", at);
        assertThat(out.size()).isEqualTo(1);
        return out.get("ProxySession");
    }

    private static void assertNotFound(Runnable query) {
        assertThatThrownBy(query::run)
                .isInstanceOfSatisfying(ProxyRejected.class, e -> assertThat(e.code()).isEqualTo(AwsErrorCode.NOT_FOUND));
    }

    @ParameterizedTest(name = "at +{0}ms: {1}")
    @CsvSource({
        "10000, Open, 1, Voice|SMS, 2024-03-01T10:00:10.000Z, ",
        "19999, Open, 1, Voice|SMS, 2024-03-01T10:00:10.000Z, ",
        "20000, Open, 1, Voice, 2024-03-01T10:00:20.000Z, ",
        "29999, Open, 1, Voice, 2024-03-01T10:00:20.000Z, ",
        "30000, InProgress, 1, Voice, 2024-03-01T10:00:30.000Z, ",
        "69999, InProgress, 1, Voice, 2024-03-01T10:00:30.000Z, ",
        "70000, Closed, 1, Voice, 2024-03-01T10:00:30.000Z, 2024-03-01T10:01:10.000Z",
        "70500, Closed, 1, Voice, 2024-03-01T10:00:30.000Z, 2024-03-01T10:01:10.000Z",
        "71000, Closed, 1, Voice, 2024-03-01T10:00:30.000Z, 2024-03-01T10:01:10.000Z",
        "79999, Closed, 1, Voice, 2024-03-01T10:00:30.000Z, 2024-03-01T10:01:10.000Z",
    })
    void theSessionAsItWasAtEachInstant(long millis, String status, int expiry, String capabilities, String updated,
                                        String ended) {
        JsonNode session = s1At(HistoryStory.T0.plusMillis(millis));

        assertThat(session.get("VoiceConnectorId").asText()).isEqualTo("vc1");
        assertThat(session.get("ProxySessionId").asText()).isEqualTo("s1");
        assertThat(session.get("Status").asText()).isEqualTo(status);
        assertThat(session.get("ExpiryMinutes").asInt()).isEqualTo(expiry);
        assertThat(String.join("|", texts(session.get("Capabilities")))).isEqualTo(capabilities);
        assertThat(session.get("CreatedTimestamp").asText()).isEqualTo("2024-03-01T10:00:10.000Z");
        assertThat(session.get("UpdatedTimestamp").asText()).isEqualTo(updated);
        if (ended == null) {
            assertThat(session.has("EndedTimestamp")).isFalse();
        } else {
            assertThat(session.get("EndedTimestamp").asText()).isEqualTo(ended);
        }
    }

    private static List<String> texts(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }

    @Test
    void notFoundBeforeItWasCreated() {
        assertNotFound(() -> f.sessionAt.get(ACCOUNT, "vc1", "s1", plus(10).minusMillis(1)));
        assertNotFound(() -> f.sessionAt.get(ACCOUNT, "vc1", "s1", HistoryStory.T0));
    }

    @Test
    void notFoundFromItsDeletionOn() {
        assertNotFound(() -> f.sessionAt.get(ACCOUNT, "vc1", "s1", plus(80)));
        assertNotFound(() -> f.sessionAt.get(ACCOUNT, "vc1", "s1", plus(86_400)));
    }

    @Test
    void aClosedSessionOnADeletedConnectorIsStillShownAsItWas() {
        JsonNode s2 = f.sessionAt.get(ACCOUNT, "vc1", "s2", plus(200)).get("ProxySession");

        assertThat(s2.get("Status").asText()).isEqualTo("Closed");
        assertThat(s2.get("EndedTimestamp").asText()).isEqualTo("2024-03-01T10:01:30.000Z");
        assertThat(f.sessionAt.get(ACCOUNT, "vc1", "s2", plus(89)).get("ProxySession").get("Status").asText())
                .isEqualTo("Open");
    }

    @Test
    void anExpiryNobodyRecordedIsAppliedAtReadTime() {
        // x1: created at +5s with 60 minutes, and nothing since.
        JsonNode open = f.sessionAt.get(OTHER_ACCOUNT, "vcX", "x1", plus(5 + 3600).minusMillis(1)).get("ProxySession");
        JsonNode expired = f.sessionAt.get(OTHER_ACCOUNT, "vcX", "x1", plus(5 + 3600)).get("ProxySession");

        assertThat(open.get("Status").asText()).isEqualTo("Open");
        assertThat(open.has("EndedTimestamp")).isFalse();
        assertThat(expired.get("Status").asText()).isEqualTo("Closed");
        assertThat(expired.get("EndedTimestamp").asText()).isEqualTo("2024-03-01T11:00:05.000Z");
    }

    @Test
    void anotherAccountsSessionIsNotFoundAtAnyInstant() {
        assertNotFound(() -> f.sessionAt.get(OTHER_ACCOUNT, "vc1", "s1", plus(30)));
        assertNotFound(() -> f.sessionAt.get(ACCOUNT, "vcX", "x1", plus(30)));
        assertNotFound(() -> f.sessionAt.get(ACCOUNT, "vc2", "s1", plus(30)));
        assertNotFound(() -> f.sessionAt.get(ACCOUNT, "vc1", "s-unknown", plus(30)));
        assertThat(f.sessionAt.get(OTHER_ACCOUNT, "vcX", "x1", plus(30)).get("ProxySession").get("Status").asText())
                .isEqualTo("Open");
    }

    @Test
    void theInstantIsReadAsTheModelsIso8601TimestampsAre() {
        JsonNode utc = f.sessionAt.get(ACCOUNT, "vc1", "s1", "2024-03-01T10:00:30Z");
        JsonNode offset = f.sessionAt.get(ACCOUNT, "vc1", "s1", "2024-03-01T12:00:30+02:00");
        JsonNode millis = f.sessionAt.get(ACCOUNT, "vc1", "s1", "2024-03-01T10:00:29.999Z");

        assertThat(utc).isEqualTo(offset);
        assertThat(utc.get("ProxySession").get("Status").asText()).isEqualTo("InProgress");
        assertThat(millis.get("ProxySession").get("Status").asText()).isEqualTo("Open");
    }

    @Test
    void anInstantThatIsNotIso8601IsABadRequest() {
        for (String at : new String[] {"yesterday", "2024-03-01", "1709287230", "", null}) {
            assertThatThrownBy(() -> f.sessionAt.get(ACCOUNT, "vc1", "s1", at))
                    .as("at=%s", at)
                    .isInstanceOfSatisfying(ProxyRejected.class,
                            e -> assertThat(e.code()).isEqualTo(AwsErrorCode.BAD_REQUEST));
        }
    }
}
