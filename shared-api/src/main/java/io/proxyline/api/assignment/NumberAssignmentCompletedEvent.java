package io.proxyline.api.assignment;

import java.time.Instant;
import java.util.List;

/** The outcome of an assignment; {@code failureCode} is null unless the whole request failed. */
public record NumberAssignmentCompletedEvent(String assignmentId, String accountId, String voiceConnectorId,
                                             AssignmentKind kind, List<NumberAssignmentError> errors,
                                             String failureCode, String failureMessage, Instant completedAt) {}
