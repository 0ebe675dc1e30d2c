package io.proxyline.api.assignment;

import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Record an assignment's outcome: the numbers that failed, or (failureCode set) that the whole
 * request failed, with every step it had taken undone. Answered with the recorded outcome; a
 * second completion changes nothing and is answered with the first.
 */
public record CompleteNumberAssignmentCommand(
        @TargetAggregateIdentifier String assignmentId, List<NumberAssignmentError> errors, String failureCode,
        String failureMessage) {}
