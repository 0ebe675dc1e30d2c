package io.proxyline.query.number;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.proxyline.api.number.OrderedNumber;
import io.proxyline.api.wire.WireTime;
import java.time.Instant;
import java.util.List;

/** An order as stored in {@code phone_number_orders}, and its wire shape. */
record PhoneNumberOrderRow(
        String orderId,
        String accountId,
        String productType,
        String status,
        List<OrderedNumber> numbers,
        Instant createdAt,
        Instant updatedAt) {

    ObjectNode toWire() {
        ObjectNode node = JsonNodeFactory.instance.objectNode()
                .put("PhoneNumberOrderId", orderId)
                .put("ProductType", productType)
                .put("Status", status)
                // Proxyline takes the operator's own numbers into inventory; there is no porting.
                .put("OrderType", "New");
        ArrayNode ordered = node.putArray("OrderedPhoneNumbers");
        numbers.forEach(n -> ordered.addObject().put("E164PhoneNumber", n.e164PhoneNumber()).put("Status", n.status()));
        node.put("CreatedTimestamp", WireTime.format(createdAt));
        node.put("UpdatedTimestamp", WireTime.format(updatedAt));
        return node;
    }
}
