package io.proxyline.web;

import java.util.regex.Pattern;

/**
 * One SigV4 credential: the access key id a client signs with, its secret, and the account its
 * requests act for. {@link #toString()} never shows the secret.
 */
public record AccessKey(String accessKeyId, String secretAccessKey, String accountId) {
    // The access key id is the first segment of the credential scope, so it cannot contain '/'.
    private static final Pattern ACCESS_KEY_ID = Pattern.compile("[A-Za-z0-9_]{1,128}");
    private static final Pattern ACCOUNT_ID = Pattern.compile("[0-9]{12}");

    /** @throws IllegalArgumentException naming the field and the rule it breaks, never the secret */
    public AccessKey {
        if (accessKeyId == null || !ACCESS_KEY_ID.matcher(accessKeyId).matches()) {
            throw new IllegalArgumentException(
                    "access-key-id must be 1-128 letters, digits or '_', got '" + accessKeyId + "'");
        }
        if (secretAccessKey == null || secretAccessKey.isBlank()
                || secretAccessKey.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException(
                    "secret-access-key of " + accessKeyId + " must be non-empty, without whitespace");
        }
        if (accountId == null || !ACCOUNT_ID.matcher(accountId).matches()) {
            throw new IllegalArgumentException(
                    "account-id of " + accessKeyId + " must be 12 digits, got '" + accountId + "'");
        }
    }

    @Override
    public String toString() {
        return "AccessKey[accessKeyId=" + accessKeyId + ", secretAccessKey=***, accountId=" + accountId + "]";
    }
}
