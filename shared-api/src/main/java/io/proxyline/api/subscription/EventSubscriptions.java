package io.proxyline.api.subscription;

/** Names shared by the command and query sides for an account's event subscriptions (webhooks). */
public final class EventSubscriptions {
    private EventSubscriptions() {}

    /**
     * The aggregate that holds one account's subscriptions (and enforces their limit). Prefixed,
     * because aggregate identifiers share one key space in the event store with connector ids and
     * phone numbers.
     */
    public static String aggregateId(String accountId) {
        return "event-subscriptions-" + accountId;
    }
}
