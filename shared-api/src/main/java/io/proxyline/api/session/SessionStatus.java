package io.proxyline.api.session;

import io.proxyline.api.wire.WireValue;

/** A proxy session's lifecycle. Wire values {@code Open}, {@code InProgress}, {@code Closed}. */
public enum SessionStatus implements WireValue {
    OPEN,
    IN_PROGRESS,
    CLOSED;

    public boolean isActive() {
        return this != CLOSED;
    }

    public static SessionStatus fromWire(String value) {
        return WireValue.fromWire(SessionStatus.class, value);
    }
}
