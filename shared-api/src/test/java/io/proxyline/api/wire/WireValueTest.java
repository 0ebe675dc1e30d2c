package io.proxyline.api.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.proxyline.api.interaction.InteractionAction;
import io.proxyline.api.interaction.InteractionReason;
import io.proxyline.api.session.Capability;
import io.proxyline.api.session.CloseReason;
import io.proxyline.api.session.GeoMatchLevel;
import io.proxyline.api.session.NumberSelectionBehavior;
import io.proxyline.api.session.SessionStatus;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The wire values are the AWS model's (and Proxyline's own, for the routing hook and history): pinned here. */
class WireValueTest {

    @Test
    void everyEnumSpellsItsValuesAsTheWireDoes() {
        assertThat(wire(Capability.values())).containsExactly("Voice", "SMS");
        assertThat(wire(SessionStatus.values())).containsExactly("Open", "InProgress", "Closed");
        assertThat(wire(NumberSelectionBehavior.values())).containsExactly("PreferSticky", "AvoidSticky");
        assertThat(wire(GeoMatchLevel.values())).containsExactly("Country", "AreaCode");
        assertThat(wire(InteractionAction.values())).containsExactly("Forward", "Fallback", "Reject");
        assertThat(wire(InteractionReason.values())).containsExactly("NoActiveSession", "CapabilityNotAllowed",
                "ProxyDisabled", "NoProxyConfiguration", "NotAProxyNumber");
        assertThat(wire(CloseReason.values())).containsExactly("Expired", "ProxyConfigDeleted",
                "ProxyNumberDisassociated");
    }

    @Test
    void eachValueReadsBackAsItsConstant() {
        for (Capability c : Capability.values()) assertThat(Capability.fromWire(c.wire())).isSameAs(c);
        for (SessionStatus s : SessionStatus.values()) assertThat(SessionStatus.fromWire(s.wire())).isSameAs(s);
        for (InteractionReason r : InteractionReason.values()) {
            assertThat(InteractionReason.fromWire(r.wire())).isSameAs(r);
        }
        assertThat(WireValue.fromWire(CloseReason.class, "ProxyConfigDeleted")).isSameAs(CloseReason.PROXY_CONFIG_DELETED);
    }

    /** Exact, as AWS's enums are: neither the constant's name nor another casing is a wire value. */
    @Test
    void anythingElseIsRefused() {
        assertThatThrownBy(() -> Capability.fromWire("Sms")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown Capability Sms");
        assertThatThrownBy(() -> SessionStatus.fromWire("IN_PROGRESS")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> GeoMatchLevel.fromWire(null)).isInstanceOf(IllegalArgumentException.class);
    }

    private static List<String> wire(WireValue[] values) {
        return Arrays.stream(values).map(WireValue::wire).toList();
    }
}
