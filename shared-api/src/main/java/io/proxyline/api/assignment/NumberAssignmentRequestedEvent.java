package io.proxyline.api.assignment;

import java.time.Instant;
import java.util.List;

public record NumberAssignmentRequestedEvent(String assignmentId, String accountId, String voiceConnectorId,
                                             AssignmentKind kind, List<String> e164PhoneNumbers, boolean force,
                                             Instant requestedAt) {}
