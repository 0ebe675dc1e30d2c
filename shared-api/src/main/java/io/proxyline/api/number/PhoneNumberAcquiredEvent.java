package io.proxyline.api.number;

import java.time.Instant;

public record PhoneNumberAcquiredEvent(
        String e164PhoneNumber,
        String accountId,
        String orderId,
        String productType,
        String name,
        String country,
        boolean tollFree,
        Instant acquiredAt) {}
