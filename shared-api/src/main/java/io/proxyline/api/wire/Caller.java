package io.proxyline.api.wire;

/** Who sent a request: the account it acts for, the access key it was signed with, its request id. */
public record Caller(String accountId, String accessKeyId, String requestId) {
    public static final String ACCOUNT = "account";
    public static final String ACCESS_KEY = "accessKeyId";
    public static final String REQUEST_ID = "requestId";
}
