package io.proxyline.webhook;

import io.proxyline.web.CredentialStore;
import io.proxyline.web.ProxylineProperties;
import io.proxyline.web.ProxylineWebAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/** The webhook settings and signing secrets, for the command side (creation) and the query side (delivery). */
@AutoConfiguration(after = ProxylineWebAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties(WebhookProperties.class)
public class WebhookAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    public WebhookSecrets webhookSecrets(WebhookProperties webhooks, ProxylineProperties properties,
                                         CredentialStore store) {
        return WebhookSecrets.load(webhooks, properties, store);
    }
}
