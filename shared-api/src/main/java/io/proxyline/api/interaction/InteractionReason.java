package io.proxyline.api.interaction;

import io.proxyline.api.wire.WireValue;

/** Why an interaction was not forwarded within a session (on {@code Fallback} and {@code Reject}). */
public enum InteractionReason implements WireValue {
    /** No active session of the connector has the caller as a participant on the dialled proxy number. */
    NO_ACTIVE_SESSION,
    /** The matched session does not carry this type ({@code SMS} on a {@code Voice}-only session, say). */
    CAPABILITY_NOT_ALLOWED,
    /** The connector's proxy configuration is {@code Disabled}. */
    PROXY_DISABLED,
    /** The connector has no proxy configuration (never put, or deleted). */
    NO_PROXY_CONFIGURATION,
    /** The dialled number is not in the connector's proxy number pool. */
    NOT_A_PROXY_NUMBER;

    public static InteractionReason fromWire(String value) {
        return WireValue.fromWire(InteractionReason.class, value);
    }
}
