package io.proxyline.query.history;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.proxyline.api.connector.NumbersAddedEvent;
import io.proxyline.api.connector.NumbersRemovedEvent;
import io.proxyline.api.connector.ProxyConfigDeletedEvent;
import io.proxyline.api.connector.ProxyConfigPutEvent;
import io.proxyline.api.connector.VoiceConnectorCreatedEvent;
import io.proxyline.api.connector.VoiceConnectorDeletedEvent;
import io.proxyline.api.interaction.InteractionRecordedEvent;
import io.proxyline.api.session.Capability;
import io.proxyline.api.session.CloseReason;
import io.proxyline.api.session.ProxySessionClosedEvent;
import io.proxyline.api.session.ProxySessionCreatedEvent;
import io.proxyline.api.session.ProxySessionDeletedEvent;
import io.proxyline.api.session.ProxySessionInProgressEvent;
import io.proxyline.api.session.ProxySessionUpdatedEvent;
import io.proxyline.api.session.SessionStatus;
import io.proxyline.api.wire.Caller;
import io.proxyline.api.wire.WireTime;
import java.util.Collection;
import java.util.List;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.messaging.MetaData;

/**
 * One history entry on the wire: {@code SequenceNumber} (in the connector's event stream),
 * {@code EventType}, {@code Timestamp} (when the event was recorded), {@code Principal} and
 * {@code RequestId} (from the event's metadata) and {@code Data} (the event in the API's member
 * names). Only the caller's account and access key id leave the metadata; whatever else it
 * carries (trace ids, anything a later version adds) is not shown.
 */
public final class HistoryEntries {
    /** The principal of events recorded without a caller: the expiry sweeper's closings. */
    static final String EXPIRY_SERVICE = "proxyline-expiry";
    /** The principal of any other event recorded without a caller (none is, today). */
    static final String SERVICE = "proxyline";

    private HistoryEntries() {}

    static ObjectNode toWire(DomainEventMessage<?> event) {
        Object payload = event.getPayload();
        ObjectNode entry = JsonNodeFactory.instance.objectNode()
                .put("SequenceNumber", event.getSequenceNumber())
                .put("EventType", eventType(payload))
                .put("Timestamp", WireTime.format(event.getTimestamp()));
        MetaData metaData = event.getMetaData();
        Object account = metaData.get(Caller.ACCOUNT);
        Object accessKey = metaData.get(Caller.ACCESS_KEY);
        ObjectNode principal = entry.putObject("Principal");
        if (account == null && accessKey == null) {
            principal.put("Service", isExpiry(payload) ? EXPIRY_SERVICE : SERVICE);
        } else {
            if (account != null) {
                principal.put("AccountId", account.toString());
            }
            if (accessKey != null) {
                principal.put("AccessKeyId", accessKey.toString());
            }
        }
        Object requestId = metaData.get(Caller.REQUEST_ID);
        if (requestId != null) {
            entry.put("RequestId", requestId.toString());
        }
        entry.set("Data", data(payload));
        return entry;
    }

    /** The payload's type without the {@code Event} suffix: {@code ProxySessionCreated}. */
    public static String eventType(Object payload) {
        String name = payload.getClass().getSimpleName();
        return name.endsWith("Event") ? name.substring(0, name.length() - "Event".length()) : name;
    }

    private static boolean isExpiry(Object payload) {
        return payload instanceof ProxySessionClosedEvent e && e.reason() == CloseReason.EXPIRED;
    }

    public static ObjectNode data(Object payload) {
        ObjectNode data = JsonNodeFactory.instance.objectNode();
        if (payload instanceof ProxySessionCreatedEvent e) {
            session(data, e.voiceConnectorId(), e.proxySessionId());
            if (e.name() != null) {
                data.put("Name", e.name());
            }
            data.put("Status", SessionStatus.OPEN.wire());
            data.put("ExpiryMinutes", e.expiryMinutes());
            capabilities(data, e.capabilities());
            data.put("CreatedTimestamp", WireTime.format(e.createdAt()));
            ArrayNode participants = data.putArray("Participants");
            e.participants().forEach(p -> participants.addObject()
                    .put("PhoneNumber", p).put("ProxyPhoneNumber", e.proxyPhoneNumber()));
            if (e.selection() != null) {
                data.put("NumberSelectionBehavior", e.selection().wire());
            }
            if (e.geoMatchLevel() != null) {
                data.put("GeoMatchLevel", e.geoMatchLevel().wire());
            }
            if (e.geoMatchParams() != null) {
                data.putObject("GeoMatchParams")
                        .put("Country", e.geoMatchParams().country())
                        .put("AreaCode", e.geoMatchParams().areaCode());
            }
        } else if (payload instanceof ProxySessionUpdatedEvent e) {
            session(data, e.voiceConnectorId(), e.proxySessionId());
            data.put("ExpiryMinutes", e.expiryMinutes());
            capabilities(data, e.capabilities());
            data.put("UpdatedTimestamp", WireTime.format(e.updatedAt()));
        } else if (payload instanceof ProxySessionInProgressEvent e) {
            session(data, e.voiceConnectorId(), e.proxySessionId());
            data.put("Status", SessionStatus.IN_PROGRESS.wire());
            data.put("InteractionId", e.interactionId());
            data.put("UpdatedTimestamp", WireTime.format(e.at()));
        } else if (payload instanceof ProxySessionClosedEvent e) {
            session(data, e.voiceConnectorId(), e.proxySessionId());
            data.put("Status", SessionStatus.CLOSED.wire());
            data.put("Reason", e.reason().wire());
            data.put("EndedTimestamp", WireTime.format(e.endedAt()));
        } else if (payload instanceof ProxySessionDeletedEvent e) {
            session(data, e.voiceConnectorId(), e.proxySessionId());
            data.put("DeletedTimestamp", WireTime.format(e.deletedAt()));
        } else if (payload instanceof VoiceConnectorCreatedEvent e) {
            data.put("VoiceConnectorId", e.voiceConnectorId());
            data.put("Name", e.name());
            data.put("AwsRegion", e.awsRegion());
            data.put("RequireEncryption", e.requireEncryption());
            if (e.networkType() != null) {
                data.put("NetworkType", e.networkType());
            }
            if (e.integrationType() != null) {
                data.put("IntegrationType", e.integrationType());
            }
            data.put("CreatedTimestamp", WireTime.format(e.createdAt()));
        } else if (payload instanceof VoiceConnectorDeletedEvent e) {
            data.put("VoiceConnectorId", e.voiceConnectorId());
            data.put("DeletedTimestamp", WireTime.format(e.deletedAt()));
        } else if (payload instanceof NumbersAddedEvent e) {
            data.put("VoiceConnectorId", e.voiceConnectorId());
            numbers(data, e.e164PhoneNumbers());
        } else if (payload instanceof NumbersRemovedEvent e) {
            data.put("VoiceConnectorId", e.voiceConnectorId());
            numbers(data, e.e164PhoneNumbers());
        } else if (payload instanceof ProxyConfigPutEvent e) {
            data.put("VoiceConnectorId", e.voiceConnectorId());
            data.put("DefaultSessionExpiryMinutes", e.defaultSessionExpiryMinutes());
            ArrayNode countries = data.putArray("PhoneNumberPoolCountries");
            e.phoneNumberPoolCountries().forEach(countries::add);
            if (e.fallBackPhoneNumber() != null) {
                data.put("FallBackPhoneNumber", e.fallBackPhoneNumber());
            }
            data.put("Disabled", e.disabled());
        } else if (payload instanceof ProxyConfigDeletedEvent e) {
            data.put("VoiceConnectorId", e.voiceConnectorId());
        } else if (payload instanceof InteractionRecordedEvent e) {
            // The members of CreateProxyInteraction's answer, plus the connector.
            data.put("VoiceConnectorId", e.voiceConnectorId());
            data.put("InteractionId", e.interactionId());
            if (e.proxySessionId() != null) {
                data.put("ProxySessionId", e.proxySessionId());
            }
            data.put("Type", e.type().wire());
            data.put("FromPhoneNumber", e.fromPhoneNumber());
            data.put("ToPhoneNumber", e.toPhoneNumber());
            data.put("Action", e.action().wire());
            if (e.forwardFrom() != null) {
                data.put("ForwardFrom", e.forwardFrom());
            }
            if (e.forwardTo() != null) {
                data.put("ForwardTo", e.forwardTo());
            }
            if (e.reason() != null) {
                data.put("Reason", e.reason().wire());
            }
            data.put("CreatedTimestamp", WireTime.format(e.createdAt()));
        }
        return data;
    }

    private static void session(ObjectNode data, String voiceConnectorId, String proxySessionId) {
        data.put("VoiceConnectorId", voiceConnectorId);
        data.put("ProxySessionId", proxySessionId);
    }

    /** Wire names in the enum's order, as GetProxySession lists them. */
    private static void capabilities(ObjectNode data, Collection<Capability> capabilities) {
        ArrayNode wire = data.putArray("Capabilities");
        capabilities.stream().sorted().map(Capability::wire).forEach(wire::add);
    }

    private static void numbers(ObjectNode data, List<String> numbers) {
        ArrayNode wire = data.putArray("E164PhoneNumbers");
        numbers.forEach(wire::add);
    }
}
