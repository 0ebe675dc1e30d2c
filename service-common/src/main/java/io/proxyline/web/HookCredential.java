package io.proxyline.web;

import java.util.regex.Pattern;

/**
 * A routing-hook credential: what a SIP server or SMS gateway, which rarely signs SigV4, presents
 * as HTTP Basic ({@code key-id:secret}) to ask where a call goes. It authorises only
 * CreateProxyInteraction, for one account. {@link #toString()} never shows the secret.
 */
public record HookCredential(String keyId, String secret, String accountId) {
    private static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9_]{1,128}");
    private static final Pattern ACCOUNT_ID = Pattern.compile("[0-9]{12}");
    /** Long enough that guessing is hopeless; generated ones have 40 characters. */
    static final int MIN_SECRET_LENGTH = 20;

    /**
     * @throws IllegalArgumentException naming the field and the rule it breaks, never the secret;
     *     an entry with neither key id nor secret is {@linkplain #isUnset() unset}, not invalid
     */
    public HookCredential {
        if (!(isBlank(keyId) && isBlank(secret))) {
            validate(keyId, secret, accountId);
        }
    }

    private static void validate(String keyId, String secret, String accountId) {
        if (keyId == null || !KEY_ID.matcher(keyId).matches()) {
            throw new IllegalArgumentException("hook-credentials key-id must be 1-128 letters, digits or '_', got '"
                    + keyId + "'");
        }
        if (secret == null || secret.length() < MIN_SECRET_LENGTH
                || secret.chars().anyMatch(c -> Character.isWhitespace(c) || c == ':' || c < 0x21 || c > 0x7e)) {
            throw new IllegalArgumentException("hook-credentials secret of " + keyId + " must be at least "
                    + MIN_SECRET_LENGTH + " printable ASCII characters, without whitespace or ':'");
        }
        if (accountId == null || !ACCOUNT_ID.matcher(accountId).matches()) {
            throw new IllegalArgumentException(
                    "hook-credentials account-id of " + keyId + " must be 12 digits, got '" + accountId + "'");
        }
    }

    /**
     * Neither key id nor secret given: how a deployment leaves the optional hook credential out
     * when its configuration always names the entry (compose passes {@code ${VAR:-}}); ignored.
     */
    public boolean isUnset() {
        return isBlank(keyId) && isBlank(secret);
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }

    @Override
    public String toString() {
        return "HookCredential[keyId=" + keyId + ", secret=***, accountId=" + accountId + "]";
    }
}
