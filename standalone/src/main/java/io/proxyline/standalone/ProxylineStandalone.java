package io.proxyline.standalone;

import io.proxyline.command.CommandServiceApplication;
import io.proxyline.query.QueryServiceApplication;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;
import org.springframework.context.annotation.Configuration;

/**
 * Proxyline in one JVM on one port: the command side and the query side together, over the
 * embedded stores unless {@code proxyline.mongo.uri} points at MongoDB.
 */
@Configuration(proxyBeanMethods = false)
@EnableAutoConfiguration
@ConfigurationPropertiesScan({"io.proxyline.command", "io.proxyline.query"})
@ComponentScan(
        basePackages = {"io.proxyline.command", "io.proxyline.query", "io.proxyline.standalone"},
        excludeFilters = @ComponentScan.Filter(
                type = FilterType.ASSIGNABLE_TYPE,
                classes = {CommandServiceApplication.class, QueryServiceApplication.class}))
public class ProxylineStandalone {
    public static void main(String[] args) {
        SpringApplication.run(ProxylineStandalone.class, args);
    }
}
