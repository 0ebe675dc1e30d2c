package io.proxyline.query.webhook;

import io.proxyline.query.stream.StreamPositions;
import io.proxyline.query.webhook.EventSubscriptionStore.SerializedPosition;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.springframework.stereotype.Component;

/**
 * Delivery positions as stored: the event store's tracking token written by the Axon serializer
 * the token store uses, so it works for either profile's token (the JDBC store's gap-aware token,
 * the Mongo store's), gaps included.
 */
@Component
class TokenCodec {
    private final Serializer serializer;
    private final StreamPositions positions;

    TokenCodec(Serializer serializer, StreamPositions positions) {
        this.serializer = serializer;
        this.positions = positions;
    }

    SerializedPosition encode(TrackingToken token) {
        if (token == null) {
            return null;
        }
        TrackingToken plain = WrappedToken.unwrapLowerBound(token);
        SerializedObject<byte[]> s = serializer.serialize(plain, byte[].class);
        return new SerializedPosition(s.getType().getName(), s.getType().getRevision(), s.getData());
    }

    TrackingToken decode(SerializedPosition position) {
        if (position == null) {
            return null;
        }
        return serializer.deserialize(new SimpleSerializedObject<>(position.data(), byte[].class, position.type(),
                position.revision()));
    }

    /** The position as the event stream writes it ({@code g:…}, {@code m:…}); null for a token it cannot show. */
    String text(TrackingToken token) {
        return positions.encode(token).orElse(null);
    }
}
