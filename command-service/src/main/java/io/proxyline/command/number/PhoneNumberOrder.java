package io.proxyline.command.number;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.proxyline.api.number.OrderedNumber;
import io.proxyline.api.number.PhoneNumberOrderPlacedEvent;
import io.proxyline.api.number.PlacePhoneNumberOrderCommand;
import java.time.Clock;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/** A completed phone number order: operator-owned numbers enter the inventory at once. */
@Aggregate
class PhoneNumberOrder {
    @AggregateIdentifier
    private String orderId;

    PhoneNumberOrder() {}

    @CommandHandler
    PhoneNumberOrder(PlacePhoneNumberOrderCommand cmd, Clock clock) {
        long acquired = cmd.numbers().stream().filter(n -> "Acquired".equals(n.status())).count();
        String status = acquired == cmd.numbers().size() ? "Successful" : acquired == 0 ? "Failed" : "Partial";
        apply(new PhoneNumberOrderPlacedEvent(cmd.orderId(), cmd.accountId(), cmd.productType(),
                cmd.numbers().stream().map(n -> new OrderedNumber(n.e164PhoneNumber(), n.status())).toList(),
                status, clock.instant()));
    }

    @EventSourcingHandler
    void on(PhoneNumberOrderPlacedEvent e) {
        orderId = e.orderId();
    }
}
