package io.proxyline.api.assignment;

/** One number the assignment could not do, with the AWS error code (e.g. {@code NotFound}) and why. */
public record NumberAssignmentError(String e164PhoneNumber, String errorCode, String errorMessage) {}
