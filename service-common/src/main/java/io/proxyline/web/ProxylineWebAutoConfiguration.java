package io.proxyline.web;

import java.time.Clock;
import java.util.Map;
import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.web.servlet.WebMvcAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.error.ErrorMvcAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.context.EnvironmentAware;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.http.server.observation.ServerRequestObservationConvention;

/**
 * The AWS-compatible web layer every Proxyline service gets: the service model and request reader,
 * request ids, SigV4 authentication, per-account rate limiting, and errors in the AWS shape on
 * every path (controller, filter, container error page). Runs before Spring Boot's error and MVC
 * auto-configuration so its error controller replaces the default (whitelabel) one.
 *
 * <p>Filter order: {@link RequestIdFilter} first ({@link #REQUEST_ID_ORDER}), then
 * {@link MethodNotAllowedFilter} ({@link #METHOD_ORDER}), then {@link SigV4AuthFilter}
 * ({@link #AUTH_ORDER}), then {@link RateLimitFilter} ({@link #RATE_LIMIT_ORDER}).
 */
@AutoConfiguration(before = {ErrorMvcAutoConfiguration.class, WebMvcAutoConfiguration.class})
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties(ProxylineProperties.class)
public class ProxylineWebAutoConfiguration {
    public static final int REQUEST_ID_ORDER = Ordered.HIGHEST_PRECEDENCE;
    public static final int METHOD_ORDER = Ordered.HIGHEST_PRECEDENCE + 5;
    public static final int AUTH_ORDER = Ordered.HIGHEST_PRECEDENCE + 10;
    public static final int RATE_LIMIT_ORDER = Ordered.HIGHEST_PRECEDENCE + 20;
    /** The signing name of the Chime (and Chime SDK Voice) service, the only one accepted in credential scopes. */
    public static final String SIGNING_NAME = "chime";

    @Bean
    static WebDefaults proxylineWebDefaults() {
        return new WebDefaults();
    }

    @Bean
    @ConditionalOnMissingBean
    public AwsModel awsModel() {
        return AwsModel.load();
    }

    @Bean
    @ConditionalOnMissingBean
    public AwsRequests awsRequests(AwsModel model) {
        return new ModelAwsRequests(model);
    }

    @Bean
    @ConditionalOnMissingBean
    public AwsRoutes awsRoutes(AwsModel model) {
        return AwsRoutes.of(model);
    }

    /** Tags {@code http.server.requests} with the operation (see the class). */
    @Bean
    @ConditionalOnMissingBean(ServerRequestObservationConvention.class)
    public AwsOperationObservationConvention awsOperationObservationConvention(AwsRoutes routes) {
        return new AwsOperationObservationConvention(routes);
    }

    /** The OpenAPI document of Proxyline's own endpoints, completed from the service model ({@link OwnApiDocs}). */
    @Bean
    public OwnApiDocs proxylineOwnApiDocs(AwsModel model) {
        return new OwnApiDocs(model);
    }

    @Bean
    @ConditionalOnMissingBean
    public CredentialStore credentialStore(ProxylineProperties properties) {
        return CredentialStore.load(properties);
    }

    @Bean
    @ConditionalOnMissingBean
    public HookCredentials hookCredentials(ProxylineProperties properties, CredentialStore store) {
        return HookCredentials.load(properties, store);
    }

    @Bean
    public DevCredentials proxylineDevCredentials(CredentialStore store, HookCredentials hooks,
                                                  ProxylineProperties properties) {
        return new DevCredentials(store, hooks, properties.dataDir());
    }

    @Bean
    public FilterRegistrationBean<RequestIdFilter> proxylineRequestIdFilter() {
        FilterRegistrationBean<RequestIdFilter> registration = new FilterRegistrationBean<>(new RequestIdFilter());
        registration.setOrder(REQUEST_ID_ORDER);
        return registration;
    }

    @Bean
    public FilterRegistrationBean<MethodNotAllowedFilter> proxylineMethodNotAllowedFilter(AwsRoutes routes) {
        FilterRegistrationBean<MethodNotAllowedFilter> registration =
                new FilterRegistrationBean<>(new MethodNotAllowedFilter(routes));
        registration.setOrder(METHOD_ORDER);
        return registration;
    }

    @Bean
    public FilterRegistrationBean<SigV4AuthFilter> proxylineSigV4AuthFilter(CredentialStore store,
                                                                           HookCredentials hooks,
                                                                           Environment environment) {
        // The system clock on purpose: a test's or aggregate's Clock bean must not move signature expiry.
        SigV4Verifier verifier = new SigV4Verifier(store, SIGNING_NAME, Clock.systemUTC());
        String actuatorBase = environment.getProperty("management.endpoints.web.base-path", "/actuator");
        String apiDocs = environment.getProperty("springdoc.api-docs.path", "/v3/api-docs");
        FilterRegistrationBean<SigV4AuthFilter> registration =
                new FilterRegistrationBean<>(new SigV4AuthFilter(verifier, hooks, actuatorBase, apiDocs));
        registration.setOrder(AUTH_ORDER);
        return registration;
    }

    @Bean
    @ConditionalOnProperty(prefix = "proxyline.rate-limit", name = "enabled", matchIfMissing = true)
    public FilterRegistrationBean<RateLimitFilter> proxylineRateLimitFilter(ProxylineProperties properties) {
        ProxylineProperties.RateLimit limit = properties.rateLimit();
        FilterRegistrationBean<RateLimitFilter> registration =
                new FilterRegistrationBean<>(new RateLimitFilter(limit.requestsPerSecond(), limit.burst()));
        registration.setOrder(RATE_LIMIT_ORDER);
        return registration;
    }

    @Bean
    @ConditionalOnMissingBean
    public AwsErrorAdvice awsErrorAdvice() {
        return new AwsErrorAdvice();
    }

    @Bean
    @ConditionalOnMissingBean(ErrorController.class)
    public AwsErrorController awsErrorController() {
        return new AwsErrorController();
    }

    /**
     * Replaces Tomcat's HTML error report with {@link AwsErrorReportValve}. Spring Boot adds a plain
     * {@code ErrorReportValve} to the host from its own context customizer; this one runs later and
     * swaps it, and names the AWS valve as the host's error report class so Tomcat adds no other.
     * It also lets TRACE through the connector: Tomcat's own refusal of it is a bare 405 without a
     * request id or AWS body; {@link MethodNotAllowedFilter} answers it instead.
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.apache.catalina.startup.Tomcat")
    static class TomcatErrorReport {
        @Bean
        WebServerFactoryCustomizer<TomcatServletWebServerFactory> proxylineErrorReportValve() {
            return new OrderedCustomizer();
        }

        private static final class OrderedCustomizer
                implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {
            @Override
            public void customize(TomcatServletWebServerFactory factory) {
                factory.addConnectorCustomizers(connector -> connector.setAllowTrace(true));
                factory.addContextCustomizers(context -> {
                    if (context.getParent() instanceof StandardHost host) {
                        for (Valve valve : host.getPipeline().getValves()) {
                            if (valve.getClass() == ErrorReportValve.class) {
                                host.getPipeline().removeValve(valve);
                            }
                        }
                        host.setErrorReportValveClass(AwsErrorReportValve.class.getName());
                        host.getPipeline().addValve(new AwsErrorReportValve());
                    }
                });
            }

            @Override
            public int getOrder() {
                return Ordered.LOWEST_PRECEDENCE;
            }
        }
    }

    /**
     * Property defaults every Proxyline app needs, added with the lowest precedence so an app can
     * still override them: no static resource handling (an unknown path is a 404 in the AWS shape,
     * never a file or HTML) and no stack traces or messages in Spring's error attributes. Set from
     * here rather than an EnvironmentPostProcessor because they are read only when the web beans are
     * created, after bean factory post-processing, and this keeps the whole layer in one
     * auto-configuration.
     */
    static final class WebDefaults implements BeanFactoryPostProcessor, EnvironmentAware, Ordered {
        static final Map<String, Object> DEFAULTS = Map.of(
                "spring.web.resources.add-mappings", "false",
                "server.error.include-stacktrace", "never",
                "server.error.include-message", "never",
                "server.error.whitelabel.enabled", "false");

        private ConfigurableEnvironment environment;

        @Override
        public void setEnvironment(Environment environment) {
            if (environment instanceof ConfigurableEnvironment configurable) {
                this.environment = configurable;
            }
        }

        @Override
        public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
            if (environment != null && !environment.getPropertySources().contains("proxylineWebDefaults")) {
                environment.getPropertySources().addLast(new MapPropertySource("proxylineWebDefaults", DEFAULTS));
            }
        }

        @Override
        public int getOrder() {
            return Ordered.HIGHEST_PRECEDENCE;
        }
    }
}
