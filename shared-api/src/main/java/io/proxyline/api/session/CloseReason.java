package io.proxyline.api.session;

/** Why a session ended without being deleted. */
public enum CloseReason {
    EXPIRED,
    PROXY_CONFIG_DELETED,
    PROXY_NUMBER_DISASSOCIATED
}
