package io.proxyline.api.interaction;

/** Why an interaction was not forwarded within a session (on {@code Fallback} and {@code Reject}). */
public enum InteractionReason {
    /** No active session of the connector has the caller as a participant on the dialled proxy number. */
    NO_ACTIVE_SESSION("NoActiveSession"),
    /** The matched session does not carry this type ({@code SMS} on a {@code Voice}-only session, say). */
    CAPABILITY_NOT_ALLOWED("CapabilityNotAllowed"),
    /** The connector's proxy configuration is {@code Disabled}. */
    PROXY_DISABLED("ProxyDisabled"),
    /** The connector has no proxy configuration (never put, or deleted). */
    NO_PROXY_CONFIGURATION("NoProxyConfiguration"),
    /** The dialled number is not in the connector's proxy number pool. */
    NOT_A_PROXY_NUMBER("NotAProxyNumber");

    private final String wire;

    InteractionReason(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    public static InteractionReason fromWire(String value) {
        for (InteractionReason r : values()) {
            if (r.wire.equals(value)) return r;
        }
        throw new IllegalArgumentException("unknown reason " + value);
    }
}
