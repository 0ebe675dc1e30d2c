package io.proxyline.api.session;

/** What a proxy session carries: calls, texts or both. Wire values {@code Voice} / {@code SMS}. */
public enum Capability {
    VOICE("Voice"),
    SMS("SMS");

    private final String wire;

    Capability(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    public static Capability fromWire(String value) {
        for (Capability c : values()) {
            if (c.wire.equals(value)) return c;
        }
        throw new IllegalArgumentException("unknown capability " + value);
    }
}
