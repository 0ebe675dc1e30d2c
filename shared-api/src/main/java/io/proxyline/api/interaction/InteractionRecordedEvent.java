package io.proxyline.api.interaction;

import io.proxyline.api.session.Capability;
import java.time.Instant;

/**
 * The routing hook answered an interaction. {@code proxySessionId} is the matched session (null
 * when none matched); {@code forwardFrom}/{@code forwardTo} are set on {@code Forward} (the proxy
 * number as caller id, the other participant's real number) and on {@code Fallback} (the proxy
 * number, the configuration's fallback number); {@code reason} on {@code Fallback} and
 * {@code Reject}. Who asked and the request id travel in the event's metadata, as for every event.
 */
public record InteractionRecordedEvent(
        String voiceConnectorId,
        String accountId,
        String interactionId,
        String proxySessionId,
        Capability type,
        String fromPhoneNumber,
        String toPhoneNumber,
        InteractionAction action,
        String forwardFrom,
        String forwardTo,
        InteractionReason reason,
        Instant createdAt) {}
