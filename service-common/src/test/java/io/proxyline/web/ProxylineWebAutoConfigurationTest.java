package io.proxyline.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.proxyline.testing.TestCredentials;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.web.servlet.error.ErrorController;

class ProxylineWebAutoConfigurationTest {
    private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ProxylineWebAutoConfiguration.class));

    @TempDir
    Path dataDir;

    @Test
    void startupFailsClearlyWithoutCredentials() {
        runner.run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause()
                    .hasMessageContaining("No credentials are configured")
                    .hasMessageContaining("proxyline.dev-credentials.generate=true");
        });
    }

    @Test
    void withCredentialsTheWholeLayerIsWiredInOrder() {
        runner.withPropertyValues(TestCredentials.ACCESS_KEY_PROPERTY, TestCredentials.SECRET_PROPERTY,
                TestCredentials.ACCOUNT_PROPERTY).run(context -> {
            assertThat(context).hasSingleBean(AwsModel.class).hasSingleBean(ModelAwsRequests.class)
                    .hasSingleBean(AwsErrorAdvice.class).hasSingleBean(CredentialStore.class);
            assertThat(context.getBean(ErrorController.class)).isInstanceOf(AwsErrorController.class);
            assertThat(context.getBean("proxylineRequestIdFilter", FilterRegistrationBean.class).getOrder())
                    .isLessThan(context.getBean("proxylineMethodNotAllowedFilter", FilterRegistrationBean.class)
                            .getOrder());
            assertThat(context.getBean("proxylineMethodNotAllowedFilter", FilterRegistrationBean.class).getOrder())
                    .isLessThan(context.getBean("proxylineSigV4AuthFilter", FilterRegistrationBean.class).getOrder());
            assertThat(context.getBean("proxylineSigV4AuthFilter", FilterRegistrationBean.class).getOrder())
                    .isLessThan(context.getBean("proxylineRateLimitFilter", FilterRegistrationBean.class).getOrder());
            assertThat(context.getEnvironment().getProperty("spring.web.resources.add-mappings")).isEqualTo("false");
        });
    }

    @Test
    void anAppCanStillOverrideTheWebDefaults() {
        runner.withPropertyValues(TestCredentials.ACCESS_KEY_PROPERTY, TestCredentials.SECRET_PROPERTY,
                TestCredentials.ACCOUNT_PROPERTY, "spring.web.resources.add-mappings=true")
                .run(context -> assertThat(context.getEnvironment().getProperty("spring.web.resources.add-mappings"))
                        .isEqualTo("true"));
    }

    @Test
    void rateLimitingCanBeSwitchedOff() {
        runner.withPropertyValues(TestCredentials.ACCESS_KEY_PROPERTY, TestCredentials.SECRET_PROPERTY,
                TestCredentials.ACCOUNT_PROPERTY, "proxyline.rate-limit.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean("proxylineRateLimitFilter"));
    }

    @Test
    void devCredentialsAreGeneratedIntoTheDataDirWhenAsked() {
        runner.withPropertyValues("proxyline.dev-credentials.generate=true", "proxyline.data-dir=" + dataDir,
                "proxyline.dev-credentials.account-id=210987654321").run(context -> {
            AccessKey dev = context.getBean(CredentialStore.class).devCredential().orElseThrow();
            assertThat(dev.accountId()).isEqualTo("210987654321");
            assertThat(Files.readString(dataDir.resolve("dev-credentials.properties"))).contains(dev.accessKeyId());
        });
    }

    @Test
    void anInvalidConfiguredCredentialFailsStartupNamingTheField() {
        runner.withPropertyValues(TestCredentials.ACCESS_KEY_PROPERTY, TestCredentials.SECRET_PROPERTY,
                "proxyline.credentials[0].account-id=12345").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("account-id")
                    .hasMessageNotContaining(TestCredentials.SECRET_ACCESS_KEY);
        });
    }
}
