package io.proxyline.api.connector;

import java.time.Instant;
import java.util.List;

public record NumbersRemovedEvent(String voiceConnectorId, List<String> e164PhoneNumbers, Instant removedAt) {}
