package io.proxyline.api.session;

import io.proxyline.api.wire.WireValue;

/** Why a session ended without being deleted. Wire values (in its history) {@code Expired}, {@code ProxyConfigDeleted}, {@code ProxyNumberDisassociated}. */
public enum CloseReason implements WireValue {
    EXPIRED,
    PROXY_CONFIG_DELETED,
    PROXY_NUMBER_DISASSOCIATED
}
