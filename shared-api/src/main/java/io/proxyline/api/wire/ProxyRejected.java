package io.proxyline.api.wire;

/**
 * A request refused by a rule. Carries the AWS error it maps to; thrown by aggregates and the
 * web layer alike, and turned into the wire shape in one place per service.
 */
public class ProxyRejected extends RuntimeException {
    private final AwsErrorCode code;

    public ProxyRejected(AwsErrorCode code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    public AwsErrorCode code() {
        return code;
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
