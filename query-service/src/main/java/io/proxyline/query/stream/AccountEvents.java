package io.proxyline.query.stream;

import io.cloudevents.CloudEvent;
import io.proxyline.query.consistency.ReadConsistency;
import io.proxyline.query.history.HistoryStore;
import java.util.Optional;
import org.axonframework.eventhandling.TrackedEventMessage;

/**
 * One reader's view of the event store: which stored events belong to its account and pass its
 * filter, as CloudEvents. One per reader (a stream, a webhook subscription), used by one thread:
 * it caches connector owners.
 */
public final class AccountEvents {
    private final EventFilter filter;
    private final ConnectorOwners connectorOwners;

    public AccountEvents(EventFilter filter, HistoryStore owners, ReadConsistency consistency) {
        this.filter = filter;
        this.connectorOwners = new ConnectorOwners(
                connector -> owners.accountOf(HistoryStore.connectorKey(connector)), consistency::awaitCaughtUp);
    }

    /** The event as this reader's CloudEvent; empty when it is another account's, filtered out, or not published. */
    public Optional<CloudEvent> select(TrackedEventMessage<?> message) {
        if (!CloudEventRenderer.STREAMED.contains(message.getPayloadType())) {
            return Optional.empty();
        }
        Object payload = message.getPayload();
        CloudEventRenderer.Rendered rendered = CloudEventRenderer.describe(payload);
        if (!filter.wants(rendered)) {
            return Optional.empty();
        }
        boolean owned = connectorOwners.ownerOf(rendered.voiceConnectorId(), payload)
                .filter(filter.accountId()::equals)
                .isPresent();
        return owned ? Optional.of(CloudEventRenderer.toCloudEvent(message, rendered)) : Optional.empty();
    }

    /** One line of JSON, the CloudEvents structured mode ({@code application/cloudevents+json}). */
    public static String serialize(CloudEvent event) {
        return CloudEventRenderer.serialize(event);
    }
}
