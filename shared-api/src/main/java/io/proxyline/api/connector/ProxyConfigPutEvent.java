package io.proxyline.api.connector;

import java.time.Instant;
import java.util.List;

public record ProxyConfigPutEvent(
        String voiceConnectorId,
        int defaultSessionExpiryMinutes,
        List<String> phoneNumberPoolCountries,
        String fallBackPhoneNumber,
        boolean disabled,
        Instant putAt) {}
