package io.proxyline.command.subscription;

import io.proxyline.webhook.WebhookProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The account aggregate's subscription limit, from the deployment's webhook settings. */
@Configuration(proxyBeanMethods = false)
class SubscriptionConfiguration {

    @Bean
    static SubscriptionLimit subscriptionLimit(WebhookProperties webhooks) {
        return new SubscriptionLimit(webhooks.maxSubscriptionsPerAccount());
    }
}
