package io.proxyline.query.stream;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code GET /events}: how many streams may be open at once in this instance (each holds a thread
 * and an event-store cursor), and how long a stream may stay silent before a keep-alive comment
 * (which is also how soon a vanished client is noticed).
 */
@ConfigurationProperties("proxyline.events")
record EventStreamProperties(@DefaultValue("64") int maxStreams, @DefaultValue("15s") Duration keepAlive) {
    EventStreamProperties {
        if (maxStreams < 1) {
            throw new IllegalArgumentException("proxyline.events.max-streams must be at least 1");
        }
        if (keepAlive.isNegative() || keepAlive.isZero()) {
            throw new IllegalArgumentException("proxyline.events.keep-alive must be positive");
        }
    }
}
