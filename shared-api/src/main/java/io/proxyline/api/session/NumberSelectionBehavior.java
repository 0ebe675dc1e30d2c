package io.proxyline.api.session;

/** Whether two participants who met before get their old proxy number again. */
public enum NumberSelectionBehavior {
    PREFER_STICKY("PreferSticky"),
    AVOID_STICKY("AvoidSticky");

    private final String wire;

    NumberSelectionBehavior(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    public static NumberSelectionBehavior fromWire(String value) {
        for (NumberSelectionBehavior b : values()) {
            if (b.wire.equals(value)) return b;
        }
        throw new IllegalArgumentException("unknown number selection behavior " + value);
    }
}
