package io.proxyline.api.session;

import io.proxyline.api.wire.WireValue;

/** A strict filter on the proxy number's location. Wire values {@code Country} / {@code AreaCode}. */
public enum GeoMatchLevel implements WireValue {
    COUNTRY,
    AREA_CODE;

    public static GeoMatchLevel fromWire(String value) {
        return WireValue.fromWire(GeoMatchLevel.class, value);
    }
}
