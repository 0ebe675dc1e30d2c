package io.proxyline.command.subscription;

/** How many event subscriptions one account may have ({@code proxyline.webhooks.max-subscriptions-per-account}). */
record SubscriptionLimit(int perAccount) {}
