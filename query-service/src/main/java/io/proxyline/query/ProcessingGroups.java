package io.proxyline.query;

import java.util.List;

/**
 * The query side's processing groups, one per feature. Read-after-write waits for exactly these,
 * so a projection in {@code io.proxyline.query} must use one of them (a test keeps that true).
 */
public final class ProcessingGroups {
    public static final String CONNECTORS = "connectors";
    public static final String PHONE_NUMBERS = "phone-numbers";
    public static final String PROXY_SESSIONS = "proxy-sessions";
    public static final String INTERACTIONS = "interactions";
    public static final String HISTORY = "history";
    public static final String EVENT_SUBSCRIPTIONS = "event-subscriptions";

    public static final List<String> ALL = List.of(CONNECTORS, PHONE_NUMBERS, PROXY_SESSIONS, INTERACTIONS, HISTORY,
            EVENT_SUBSCRIPTIONS);

    private ProcessingGroups() {}
}
