package io.proxyline.api.number;

import java.time.Instant;
import java.util.List;

public record PhoneNumberOrderPlacedEvent(
        String orderId, String accountId, String productType, List<OrderedNumber> numbers, String status, Instant placedAt) {}
