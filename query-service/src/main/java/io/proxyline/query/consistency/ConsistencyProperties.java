package io.proxyline.query.consistency;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param consistencyTimeout how long a read waits for the projections before answering anyway
 * @param consistencyGapGrace how long a gap in a JDBC tracking token may stay open before it is
 *     taken as a rolled-back insert (see {@link ReadConsistency})
 * @param maxProjectionBacklog events the slowest projection may be behind the store before writes
 *     are refused with 503 (see {@link ProjectionBacklog})
 */
@ConfigurationProperties("proxyline.query")
record ConsistencyProperties(
        @DefaultValue("2s") Duration consistencyTimeout, @DefaultValue("500ms") Duration consistencyGapGrace,
        @DefaultValue("500") long maxProjectionBacklog) {}
