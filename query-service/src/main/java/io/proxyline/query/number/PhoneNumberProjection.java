package io.proxyline.query.number;

import io.proxyline.api.number.PhoneNumberAcquiredEvent;
import io.proxyline.api.number.PhoneNumberAssociatedEvent;
import io.proxyline.api.number.PhoneNumberDisassociatedEvent;
import io.proxyline.api.number.PhoneNumberOrderPlacedEvent;
import io.proxyline.api.number.PhoneNumberReleasedEvent;
import io.proxyline.query.ProcessingGroups;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.stereotype.Component;

/** Projects phone numbers and their orders. Every handler sets state, so redelivery and replay are harmless. */
@Component
@ProcessingGroup(ProcessingGroups.PHONE_NUMBERS)
class PhoneNumberProjection {
    private final PhoneNumberStore store;

    PhoneNumberProjection(PhoneNumberStore store) {
        this.store = store;
    }

    @EventHandler
    void on(PhoneNumberAcquiredEvent e) {
        store.acquired(e);
    }

    @EventHandler
    void on(PhoneNumberAssociatedEvent e) {
        store.associated(e);
    }

    @EventHandler
    void on(PhoneNumberDisassociatedEvent e) {
        store.disassociated(e);
    }

    @EventHandler
    void on(PhoneNumberReleasedEvent e) {
        store.released(e);
    }

    @EventHandler
    void on(PhoneNumberOrderPlacedEvent e) {
        store.orderPlaced(e);
    }

    @ResetHandler
    void reset() {
        store.clear();
    }
}
