package io.proxyline.api.session;

import io.proxyline.api.wire.WireValue;

/** What a proxy session carries: calls, texts or both. Wire values {@code Voice} / {@code SMS}. */
public enum Capability implements WireValue {
    VOICE,
    SMS;

    /** {@code SMS} is an acronym on the wire too. */
    @Override
    public String wire() {
        return this == SMS ? "SMS" : WireValue.super.wire();
    }

    public static Capability fromWire(String value) {
        return WireValue.fromWire(Capability.class, value);
    }
}
