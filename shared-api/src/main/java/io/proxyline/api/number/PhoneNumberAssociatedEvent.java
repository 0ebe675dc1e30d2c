package io.proxyline.api.number;

import java.time.Instant;

public record PhoneNumberAssociatedEvent(String e164PhoneNumber, String accountId, String voiceConnectorId, Instant associatedAt) {}
