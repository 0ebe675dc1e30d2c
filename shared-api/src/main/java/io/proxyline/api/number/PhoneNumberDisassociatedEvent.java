package io.proxyline.api.number;

import java.time.Instant;

public record PhoneNumberDisassociatedEvent(String e164PhoneNumber, String accountId, String voiceConnectorId, Instant disassociatedAt) {}
