package io.proxyline.api.interaction;

import io.proxyline.api.wire.WireValue;

/** What the routing hook told the caller's switch to do. Wire values {@code Forward}, {@code Fallback}, {@code Reject}. */
public enum InteractionAction implements WireValue {
    FORWARD,
    FALLBACK,
    REJECT;

    public static InteractionAction fromWire(String value) {
        return WireValue.fromWire(InteractionAction.class, value);
    }
}
