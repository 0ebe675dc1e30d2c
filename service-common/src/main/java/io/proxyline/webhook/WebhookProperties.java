package io.proxyline.webhook;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Webhook settings, under {@code proxyline.webhooks.*}; see docs/webhooks.md.
 *
 * <pre>
 * proxyline:
 *   webhooks:
 *     signing-key: ${FROM_A_SECRET_STORE}   # at least 32 characters; the same on every instance
 *     allow-private-addresses: false        # true: URLs may point at loopback/private networks
 *     max-subscriptions-per-account: 10
 *     deliver: true                         # false: this instance does not deliver (scale-out)
 *     timeout: 10s                          # one delivery attempt, connect included
 *     initial-backoff: 1s                   # first retry after a failure; doubles per failure
 *     max-backoff: 5m
 *     lease-duration: 15s                   # a subscription's delivery lease; failover within about this
 * </pre>
 *
 * @param signingKey the key every subscription's signing secret is derived from; blank = unset
 *     (then a development run generates one, and a production run refuses subscriptions)
 * @param leaseDuration how long an instance holds a subscription's delivery lease without renewing
 *     it; it renews every third of that, so another instance takes over within about this long
 *     after the holder dies
 */
@ConfigurationProperties("proxyline.webhooks")
public record WebhookProperties(
        String signingKey,
        @DefaultValue("false") boolean allowPrivateAddresses,
        @DefaultValue("10") int maxSubscriptionsPerAccount,
        @DefaultValue("true") boolean deliver,
        @DefaultValue("10s") Duration timeout,
        @DefaultValue("1s") Duration initialBackoff,
        @DefaultValue("5m") Duration maxBackoff,
        @DefaultValue("15s") Duration leaseDuration) {

    public static final int MIN_SIGNING_KEY_LENGTH = 32;

    public WebhookProperties {
        if (signingKey != null && signingKey.isBlank()) {
            signingKey = null;
        }
        if (signingKey != null && signingKey.length() < MIN_SIGNING_KEY_LENGTH) {
            throw new IllegalArgumentException("proxyline.webhooks.signing-key must be at least "
                    + MIN_SIGNING_KEY_LENGTH + " characters");
        }
        if (maxSubscriptionsPerAccount < 1) {
            throw new IllegalArgumentException("proxyline.webhooks.max-subscriptions-per-account must be at least 1");
        }
        if (timeout.isNegative() || timeout.isZero() || initialBackoff.isNegative() || initialBackoff.isZero()
                || maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("proxyline.webhooks: timeout and initial-backoff must be positive, "
                    + "max-backoff at least initial-backoff");
        }
        if (leaseDuration.compareTo(Duration.ofMillis(300)) < 0) {
            throw new IllegalArgumentException("proxyline.webhooks.lease-duration must be at least 300ms");
        }
    }
}
