package io.proxyline.api.wire;

/**
 * A request refused by a rule. Carries the AWS error it maps to; thrown by aggregates and the
 * web layer alike, and turned into the wire shape in one place per service.
 */
public class ProxyRejected extends RuntimeException {
    private final AwsErrorCode code;
    private final int httpStatus;

    public ProxyRejected(AwsErrorCode code, String message) {
        this(code, code.httpStatus(), message);
    }

    /**
     * An error answered with another HTTP status than its code's, where HTTP has a more precise one
     * for the same AWS error: a BadRequest as 413 for a body over the limit, 405 for a method the
     * model does not define, 414 / 431 for a request line or headers over the limit.
     */
    public ProxyRejected(AwsErrorCode code, int httpStatus, String message) {
        super(message, null, false, false);
        if (httpStatus < 400 || httpStatus > 599) {
            throw new IllegalArgumentException("not an error status: " + httpStatus);
        }
        this.code = code;
        this.httpStatus = httpStatus;
    }

    public AwsErrorCode code() {
        return code;
    }

    /** The HTTP status to answer with: the code's, unless this error was given a more precise one. */
    public int httpStatus() {
        return httpStatus;
    }

    public static ProxyRejected badRequest(String message) {
        return new ProxyRejected(AwsErrorCode.BAD_REQUEST, message);
    }

    public static ProxyRejected notFound(String message) {
        return new ProxyRejected(AwsErrorCode.NOT_FOUND, message);
    }

    public static ProxyRejected conflict(String message) {
        return new ProxyRejected(AwsErrorCode.CONFLICT, message);
    }

    /** A transient refusal: the service cannot take this now; the client retries later. */
    public static ProxyRejected unavailable(String message) {
        return new ProxyRejected(AwsErrorCode.SERVICE_UNAVAILABLE, message);
    }
}
