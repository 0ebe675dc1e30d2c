package io.proxyline.api.session;

import io.proxyline.api.wire.WireValue;

/** Whether two participants who met before get their old proxy number again. Wire values {@code PreferSticky} / {@code AvoidSticky}. */
public enum NumberSelectionBehavior implements WireValue {
    PREFER_STICKY,
    AVOID_STICKY;

    public static NumberSelectionBehavior fromWire(String value) {
        return WireValue.fromWire(NumberSelectionBehavior.class, value);
    }
}
