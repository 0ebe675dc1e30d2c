package io.proxyline.api.session;

/** A strict filter on the proxy number's location. */
public enum GeoMatchLevel {
    COUNTRY("Country"),
    AREA_CODE("AreaCode");

    private final String wire;

    GeoMatchLevel(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    public static GeoMatchLevel fromWire(String value) {
        for (GeoMatchLevel l : values()) {
            if (l.wire.equals(value)) return l;
        }
        throw new IllegalArgumentException("unknown geo match level " + value);
    }
}
