package io.proxyline.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.axonframework.common.IdentifierFactory;
import org.junit.jupiter.api.Test;

class TimeOrderedIdentifierFactoryTest {

    @Test
    void axonUsesItForEveryIdentifier() {
        assertThat(IdentifierFactory.getInstance()).isInstanceOf(TimeOrderedIdentifierFactory.class);
    }

    @Test
    void identifiersAreVersion7UuidsThatSortByTheirMillisecond() {
        SecureRandom random = new SecureRandom();
        List<String> ids = new ArrayList<>();
        long start = 1_765_000_000_000L;
        for (long ms = start; ms < start + 2_000; ms++) ids.add(TimeOrderedIdentifierFactory.next(ms, random).toString());
        for (int i = 0; i < ids.size(); i++) {
            UUID uuid = UUID.fromString(ids.get(i));
            assertThat(uuid.version()).isEqualTo(7);
            assertThat(uuid.variant()).isEqualTo(2);
            assertThat(uuid.getMostSignificantBits() >>> 16).isEqualTo(start + i);
            assertThat(ids.get(i)).hasSize(36);
            // As strings, which is how the event stores index them.
            if (i > 0) assertThat(ids.get(i)).isGreaterThan(ids.get(i - 1));
        }
    }

    @Test
    void identifiersOfOneMillisecondDoNotRepeat() {
        SecureRandom random = new SecureRandom();
        Set<UUID> seen = new HashSet<>();
        for (int i = 0; i < 200_000; i++) assertThat(seen.add(TimeOrderedIdentifierFactory.next(42L, random))).isTrue();
        String generated = new TimeOrderedIdentifierFactory().generateIdentifier();
        assertThat(UUID.fromString(generated).version()).isEqualTo(7);
    }
}
