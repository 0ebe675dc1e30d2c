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
    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        environment.getPropertySources().addLast(new MapPropertySource("proxylineDefaults", Map.of(
                "axon.axonserver.enabled", "false",
                "axon.update-check.disabled", "true",
                // Axon's handler and transaction timeouts build a task and an exception stack per
                // unit of work to warn about slow handlers; measured as pure cost here
                // (docs/benchmarks.md, side by side). Configuration may turn them back on.
                "axon.timeout.enabled", "false",
                // The stores are wired by StoreAutoConfiguration; Boot's and Axon's guesses from
                // the classpath (H2, the Mongo driver) would add a second, unwanted set.
                "spring.autoconfigure.exclude", String.join(",",
                        "org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration",
                        "org.springframework.boot.autoconfigure.jdbc.DataSourceTransactionManagerAutoConfiguration",
                        "org.springframework.boot.autoconfigure.mongo.MongoAutoConfiguration",
                        "org.springframework.boot.autoconfigure.data.mongo.MongoDataAutoConfiguration",
                        "org.axonframework.springboot.autoconfig.JdbcAutoConfiguration",
                        "org.axonframework.springboot.autoconfig.JpaAutoConfiguration",
                        "org.axonframework.springboot.autoconfig.JpaEventStoreAutoConfiguration"),
                "management.endpoints.web.exposure.include", "health",
                "management.endpoint.health.show-details", "never")));
    }
}
