package io.proxyline.api.session;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Record the closing of every session of the connector whose expiry instant has passed. */
public record CloseExpiredSessionsCommand(@TargetAggregateIdentifier String voiceConnectorId) {}
