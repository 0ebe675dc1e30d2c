package io.proxyline.store;

import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Settings every Proxyline service needs whatever its own application.yml says; added with the
 * lowest precedence, so configuration can still override them.
 */
public class ProxylineDefaults implements EnvironmentPostProcessor {
    /** Latency buckets of the timers a dashboard draws percentiles from (a handful, not Micrometer's 70-odd). */
    static final String LATENCY_BUCKETS = "1ms,5ms,10ms,25ms,50ms,100ms,250ms,500ms,1000ms,2500ms,5000ms";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        environment.getPropertySources().addLast(new MapPropertySource("proxylineDefaults", Map.ofEntries(
                Map.entry("axon.axonserver.enabled", "false"),
                Map.entry("axon.update-check.disabled", "true"),
                // Axon's handler and transaction timeouts build a task and an exception stack per
                // unit of work to warn about slow handlers; measured as pure cost here
                // (docs/benchmarks.md, side by side). Configuration may turn them back on.
                Map.entry("axon.timeout.enabled", "false"),
                // The stores are wired by StoreAutoConfiguration; Boot's and Axon's guesses from
                // the classpath (H2, the Mongo driver) would add a second, unwanted set.
                Map.entry("spring.autoconfigure.exclude", String.join(",",
                        "org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration",
                        "org.springframework.boot.autoconfigure.jdbc.DataSourceTransactionManagerAutoConfiguration",
                        "org.springframework.boot.autoconfigure.mongo.MongoAutoConfiguration",
                        "org.springframework.boot.autoconfigure.data.mongo.MongoDataAutoConfiguration",
                        "org.axonframework.springboot.autoconfig.JdbcAutoConfiguration",
                        "org.axonframework.springboot.autoconfig.JpaAutoConfiguration",
                        "org.axonframework.springboot.autoconfig.JpaEventStoreAutoConfiguration")),
                // Operations (README, "Operations"): health with liveness and readiness, readiness
                // down while a store is; Prometheus metrics; the store checks are our own
                // (StoreHealth), so Boot's generic one for the data source is not needed.
                Map.entry("management.endpoints.web.exposure.include", "health,prometheus"),
                Map.entry("management.endpoint.health.show-details", "never"),
                Map.entry("management.endpoint.health.probes.enabled", "true"),
                Map.entry("management.endpoint.health.group.readiness.include", "readinessState,eventStore,readModels,readModelsSql"),
                // An app of the web layer alone (its tests) has no stores; OperationsTest shows that
                // the services' readiness does follow both.
                Map.entry("management.endpoint.health.validate-group-membership", "false"),
                Map.entry("management.health.db.enabled", "false"),
                Map.entry("management.metrics.tags.application", "${spring.application.name:proxyline}"),
                Map.entry("management.metrics.distribution.slo.http.server.requests", LATENCY_BUCKETS),
                Map.entry("management.metrics.distribution.slo.proxyline.commands", LATENCY_BUCKETS),
                Map.entry("management.metrics.distribution.slo.proxyline.eventstore.append", LATENCY_BUCKETS),
                // Readable logs carry the request id too; JSON logs (logging.structured.format.console)
                // have it as the field requestId.
                Map.entry("logging.pattern.correlation", "%replace([%X{requestId}] ){'\\[\\] ', ''}"),
                // Axon logs every failed aggregate load with its stack trace before rethrowing it,
                // including an unknown id, which is a 404; the failure reaches AwsErrors, which
                // logs it once in a line (and a store failure as a WARN).
                Map.entry("logging.level.org.axonframework.modelling.command.AbstractRepository", "ERROR"),
                // The OpenAPI document covers Proxyline's own endpoints, not the AWS API (which has its model).
                Map.entry("springdoc.paths-to-match", String.join(",",
                        "/voice-connectors/*/proxy-interactions",
                        "/voice-connectors/*/proxy-sessions/*/interactions",
                        "/voice-connectors/*/proxy-sessions/*/history",
                        "/voice-connectors/*/history",
                        "/events",
                        "/event-subscriptions",
                        "/event-subscriptions/*",
                        "/actuator/projections",
                        "/actuator/projections/*")),
                Map.entry("springdoc.show-actuator", "true"),
                Map.entry("springdoc.writer-with-order-by-keys", "true"))));
    }
}
