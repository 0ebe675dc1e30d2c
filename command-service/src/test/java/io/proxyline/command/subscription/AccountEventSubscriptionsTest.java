package io.proxyline.command.subscription;

import io.proxyline.api.subscription.CreateEventSubscriptionCommand;
import io.proxyline.api.subscription.DeleteEventSubscriptionCommand;
import io.proxyline.api.subscription.EventSubscriptionCreatedEvent;
import io.proxyline.api.subscription.EventSubscriptionDeletedEvent;
import io.proxyline.api.subscription.EventSubscriptions;
import io.proxyline.api.wire.AwsErrorCode;
import io.proxyline.command.MutableClock;
import java.time.Instant;
import java.util.List;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.hamcrest.Matcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AccountEventSubscriptionsTest {
    static final String A = "111111111111", B = "222222222222";
    static final String AGG = EventSubscriptions.aggregateId(A);
    static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");
    static final String URL = "https://hooks.example.com/proxyline";
    AggregateTestFixture<AccountEventSubscriptions> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(AccountEventSubscriptions.class);
        fixture.registerInjectableResource(new MutableClock(T0));
        fixture.registerInjectableResource(new SubscriptionLimit(2));
    }

    static Matcher<Object> rejected(AwsErrorCode code) {
        return io.proxyline.command.Rejections.rejected(code);
    }

    static CreateEventSubscriptionCommand create(String id) {
        return new CreateEventSubscriptionCommand(AGG, A, id, URL, List.of("ProxySessionCreated"), "vc1");
    }

    static EventSubscriptionCreatedEvent created(String id) {
        return new EventSubscriptionCreatedEvent(A, id, URL, List.of("ProxySessionCreated"), "vc1", T0);
    }

    @Test
    void theFirstSubscriptionCreatesTheAccountsAggregateAndAnswersWithTheEvent() {
        fixture.givenNoPriorActivity()
                .when(create("s1"))
                .expectEvents(created("s1"))
                .expectResultMessagePayload(created("s1"));
    }

    @Test
    void moreThanTheLimitIsRefusedAndRecordsNothing() {
        fixture.given(created("s1"), created("s2"))
                .when(create("s3"))
                .expectNoEvents()
                .expectException(rejected(AwsErrorCode.RESOURCE_LIMIT_EXCEEDED));
    }

    @Test
    void aDeletedSubscriptionFreesItsPlace() {
        fixture.given(created("s1"), created("s2"), new EventSubscriptionDeletedEvent(A, "s1", T0))
                .when(create("s3"))
                .expectEvents(created("s3"));
    }

    @Test
    void deletingRecordsTheDeletion() {
        fixture.given(created("s1"))
                .when(new DeleteEventSubscriptionCommand(AGG, A, "s1"))
                .expectEvents(new EventSubscriptionDeletedEvent(A, "s1", T0));
    }

    @Test
    void deletingAnUnknownOrAlreadyDeletedSubscriptionIsNotFound() {
        fixture.given(created("s1"), new EventSubscriptionDeletedEvent(A, "s1", T0))
                .when(new DeleteEventSubscriptionCommand(AGG, A, "s1"))
                .expectNoEvents()
                .expectException(rejected(AwsErrorCode.NOT_FOUND));
    }

    @Test
    void anAccountCannotReachAnotherAccountsSubscriptions() {
        fixture.given(created("s1"))
                .when(new DeleteEventSubscriptionCommand(AGG, B, "s1"))
                .expectNoEvents()
                .expectException(rejected(AwsErrorCode.BAD_REQUEST));
    }

    @Test
    void aSubscriptionIdIsNeverReused() {
        fixture.given(created("s1"))
                .when(create("s1"))
                .expectNoEvents()
                .expectException(rejected(AwsErrorCode.CONFLICT));
    }
}
