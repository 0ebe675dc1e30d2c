package io.proxyline.web;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.proxyline.api.wire.AwsErrorCode;
import io.proxyline.api.wire.Caller;
import io.proxyline.api.wire.ProxyRejected;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Limits each account's request rate with a token bucket: {@code burst} requests at once, refilled
 * at {@code requestsPerSecond}. Runs after authentication, so the account is known; requests without
 * a caller (the unsigned health check) are not limited. Over the limit: 429 ThrottledClientException,
 * which AWS clients back off and retry, with {@code Retry-After} (whole seconds until the bucket has
 * a token again) for clients that read it. The bucket is Bucket4j's; this filter only picks the
 * account.
 */
public final class RateLimitFilter extends OncePerRequestFilter {
    private final long requestsPerSecond;
    private final long burst;
    // One bucket per account; accounts come from the configured credentials, so the map stays small.
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    public RateLimitFilter(long requestsPerSecond, long burst) {
        this.requestsPerSecond = requestsPerSecond;
        this.burst = burst;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getAttribute(Callers.ATTRIBUTE) instanceof Caller caller) {
            ConsumptionProbe probe = buckets.computeIfAbsent(caller.accountId(), account -> newBucket())
                    .tryConsumeAndReturnRemaining(1);
            if (probe.isConsumed()) {
                chain.doFilter(request, response);
                return;
            }
            long seconds = Math.max(1, TimeUnit.NANOSECONDS.toSeconds(probe.getNanosToWaitForRefill() + 999_999_999L));
            response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
            AwsErrors.write(new ProxyRejected(AwsErrorCode.THROTTLED_CLIENT, "Rate exceeded: account "
                    + caller.accountId() + " is limited to " + requestsPerSecond + " requests per second (burst "
                    + burst + ")"), request, response);
            return;
        }
        chain.doFilter(request, response);
    }

    private Bucket newBucket() {
        return Bucket.builder()
                .addLimit(limit -> limit.capacity(burst).refillGreedy(requestsPerSecond, Duration.ofSeconds(1)))
                .build();
    }
}
