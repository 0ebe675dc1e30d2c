package io.proxyline.api.number;

/** One number of an order; status is the wire's {@code Acquired} or {@code Failed}. */
public record OrderedNumber(String e164PhoneNumber, String status) {}
