package io.proxyline.api.interaction;

/** What the routing hook told the caller's switch to do. Wire values {@code Forward}, {@code Fallback}, {@code Reject}. */
public enum InteractionAction {
    FORWARD("Forward"),
    FALLBACK("Fallback"),
    REJECT("Reject");

    private final String wire;

    InteractionAction(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    public static InteractionAction fromWire(String value) {
        for (InteractionAction a : values()) {
            if (a.wire.equals(value)) return a;
        }
        throw new IllegalArgumentException("unknown action " + value);
    }
}
