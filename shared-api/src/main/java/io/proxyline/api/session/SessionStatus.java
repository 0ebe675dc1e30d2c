package io.proxyline.api.session;

/** A proxy session's lifecycle. Wire values {@code Open}, {@code InProgress}, {@code Closed}. */
public enum SessionStatus {
    OPEN("Open"),
    IN_PROGRESS("InProgress"),
    CLOSED("Closed");

    private final String wire;

    SessionStatus(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    public boolean isActive() {
        return this != CLOSED;
    }

    public static SessionStatus fromWire(String value) {
        for (SessionStatus s : values()) {
            if (s.wire.equals(value)) return s;
        }
        throw new IllegalArgumentException("unknown status " + value);
    }
}
