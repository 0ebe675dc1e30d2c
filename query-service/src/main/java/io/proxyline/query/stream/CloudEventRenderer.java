package io.proxyline.query.stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.core.format.EventFormat;
import io.cloudevents.jackson.JsonFormat;
import io.proxyline.api.connector.NumbersAddedEvent;
import io.proxyline.api.connector.NumbersRemovedEvent;
import io.proxyline.api.connector.ProxyConfigDeletedEvent;
import io.proxyline.api.connector.ProxyConfigPutEvent;
import io.proxyline.api.connector.VoiceConnectorCreatedEvent;
import io.proxyline.api.connector.VoiceConnectorDeletedEvent;
import io.proxyline.api.interaction.InteractionRecordedEvent;
import io.proxyline.api.session.ProxySessionClosedEvent;
import io.proxyline.api.session.ProxySessionCreatedEvent;
import io.proxyline.api.session.ProxySessionDeletedEvent;
import io.proxyline.api.session.ProxySessionInProgressEvent;
import io.proxyline.api.session.ProxySessionUpdatedEvent;
import io.proxyline.query.history.HistoryEntries;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.util.Set;
import org.axonframework.eventhandling.EventMessage;

/**
 * One stored event as a CloudEvents 1.0 envelope in structured JSON mode. The type and the data
 * are the history's ({@link HistoryEntries}): {@code io.proxyline.<EventType>} and the event in the
 * API's member names. Only these leave the event; its metadata (caller, request id, trace ids)
 * does not.
 */
final class CloudEventRenderer {
    static final URI SOURCE = URI.create("/proxyline");
    static final String TYPE_PREFIX = "io.proxyline.";

    /** The connectors', sessions' and interactions' events: the ones with an owning account through their connector. */
    static final Set<Class<?>> STREAMED = Set.of(VoiceConnectorCreatedEvent.class, VoiceConnectorDeletedEvent.class,
            ProxyConfigPutEvent.class, ProxyConfigDeletedEvent.class, NumbersAddedEvent.class,
            NumbersRemovedEvent.class, ProxySessionCreatedEvent.class, ProxySessionUpdatedEvent.class,
            ProxySessionInProgressEvent.class, ProxySessionClosedEvent.class, ProxySessionDeletedEvent.class,
            InteractionRecordedEvent.class);

    private static final EventFormat FORMAT = new JsonFormat();

    private CloudEventRenderer() {}

    /** A streamed event's wire data and the resource it is about. */
    record Rendered(String eventType, String voiceConnectorId, String subject, ObjectNode data) {}

    /** @param payload one of {@link #STREAMED} */
    static Rendered describe(Object payload) {
        ObjectNode data = HistoryEntries.data(payload);
        String voiceConnectorId = data.path("VoiceConnectorId").asText();
        JsonNode session = data.get("ProxySessionId");
        String subject = "voice-connectors/" + voiceConnectorId
                + (session == null ? "" : "/proxy-sessions/" + session.asText());
        return new Rendered(HistoryEntries.eventType(payload), voiceConnectorId, subject, data);
    }

    static CloudEvent toCloudEvent(EventMessage<?> message, Rendered rendered) {
        return CloudEventBuilder.v1()
                .withId(message.getIdentifier())
                .withSource(SOURCE)
                .withType(TYPE_PREFIX + rendered.eventType())
                .withSubject(rendered.subject())
                .withTime(message.getTimestamp().atOffset(ZoneOffset.UTC))
                .withDataContentType("application/json")
                .withData(rendered.data().toString().getBytes(StandardCharsets.UTF_8))
                .build();
    }

    /** One line of JSON (the SDK writes no line breaks; the data's strings are escaped). */
    static String serialize(CloudEvent event) {
        return new String(FORMAT.serialize(event), StandardCharsets.UTF_8);
    }
}
