package io.proxyline.api.session;

/** An event of one proxy session, in its connector's stream. */
public interface ProxySessionEvent {
    String voiceConnectorId();

    String proxySessionId();
}
