package io.proxyline.api.connector;

import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Put numbers (already claimed for this connector on the number side) into the connector. */
public record AddNumbersCommand(
        @TargetAggregateIdentifier String voiceConnectorId, String accountId, List<String> e164PhoneNumbers) {}
