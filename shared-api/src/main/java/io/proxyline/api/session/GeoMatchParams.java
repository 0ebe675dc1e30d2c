package io.proxyline.api.session;

/** Explicit location for geo-matching: ISO country and (possibly empty) 3-digit area code. */
public record GeoMatchParams(String country, String areaCode) {}
