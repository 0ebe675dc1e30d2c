package io.proxyline.api.subscription;

import java.time.Instant;

public record EventSubscriptionDeletedEvent(String accountId, String eventSubscriptionId, Instant deletedAt) {}
