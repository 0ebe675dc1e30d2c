package io.proxyline.api.connector;

import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Take numbers out of the connector; active sessions holding one of them are closed. */
public record RemoveNumbersCommand(
        @TargetAggregateIdentifier String voiceConnectorId, String accountId, List<String> e164PhoneNumbers) {}
