package io.proxyline.api.number;

import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Record an order and the outcome of each of its numbers (acquired or failed). */
public record PlacePhoneNumberOrderCommand(
        @TargetAggregateIdentifier String orderId,
        String accountId,
        String productType,
        List<OrderedNumber> numbers) {}
