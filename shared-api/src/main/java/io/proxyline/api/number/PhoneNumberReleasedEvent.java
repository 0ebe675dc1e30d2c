package io.proxyline.api.number;

import java.time.Instant;

public record PhoneNumberReleasedEvent(String e164PhoneNumber, String accountId, Instant releasedAt) {}
