package io.proxyline.api.wire;

/** The AWS error types Proxyline answers with; name and HTTP status as in the service model. */
public enum AwsErrorCode {
    BAD_REQUEST("BadRequest", 400),
    UNAUTHORIZED_CLIENT("UnauthorizedClient", 401),
    FORBIDDEN("Forbidden", 403),
    ACCESS_DENIED("AccessDenied", 403),
    NOT_FOUND("NotFound", 404),
    CONFLICT("Conflict", 409),
    RESOURCE_LIMIT_EXCEEDED("ResourceLimitExceeded", 400),
    THROTTLED_CLIENT("ThrottledClient", 429),
    SERVICE_FAILURE("ServiceFailure", 500),
    SERVICE_UNAVAILABLE("ServiceUnavailable", 503);

    private final String code;
    private final int httpStatus;

    AwsErrorCode(String code, int httpStatus) {
        this.code = code;
        this.httpStatus = httpStatus;
    }

    /** The body's {@code Code} member, e.g. {@code BadRequest}. */
    public String code() {
        return code;
    }

    /** The {@code x-amzn-ErrorType} header, e.g. {@code BadRequestException}. */
    public String errorType() {
        return code + "Exception";
    }

    public int httpStatus() {
        return httpStatus;
    }

    /** The error type whose {@link #code()} is {@code code}. */
    public static AwsErrorCode ofCode(String code) {
        for (AwsErrorCode c : values()) {
            if (c.code.equals(code)) return c;
        }
        throw new IllegalArgumentException("not an AWS error code: " + code);
    }
}
