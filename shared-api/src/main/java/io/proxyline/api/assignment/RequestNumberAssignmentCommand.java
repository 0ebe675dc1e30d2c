package io.proxyline.api.assignment;

import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Record, durably and before any step runs, that numbers are to be associated with (or
 * disassociated from) a voice connector; the steps follow from the recorded request.
 */
public record RequestNumberAssignmentCommand(
        @TargetAggregateIdentifier String assignmentId, String accountId, String voiceConnectorId,
        AssignmentKind kind, List<String> e164PhoneNumbers, boolean force) {}
