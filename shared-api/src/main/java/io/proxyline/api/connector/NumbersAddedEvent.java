package io.proxyline.api.connector;

import java.time.Instant;
import java.util.List;

public record NumbersAddedEvent(String voiceConnectorId, List<String> e164PhoneNumbers, Instant addedAt) {}
