package io.proxyline.store;

import java.security.SecureRandom;
import java.util.UUID;
import org.axonframework.common.IdentifierFactory;

/**
 * Axon's identifiers (event and message identifiers) as version 7 UUIDs (RFC 9562): 48 bits of Unix
 * milliseconds, then 74 random bits, in the usual 36-character form. Installed through
 * {@code META-INF/services/org.axonframework.common.IdentifierFactory}, which Axon reads once.
 *
 * <p>Why: both event stores keep a unique index on the event identifier. Axon's default, a random
 * (version 4) UUID, lands each new event on a random leaf of that index, so every commit rewrote as
 * many index pages as it had events (H2 serializes each changed page into the commit's chunk).
 * Identifiers that grow with time land on the index's last leaf. They stay unique as random UUIDs
 * do (74 random bits per millisecond, from {@link SecureRandom} as {@link UUID#randomUUID()}) and
 * reveal the creation millisecond, which every event carries in its timestamp anyway.
 */
public final class TimeOrderedIdentifierFactory extends IdentifierFactory {
    private static final SecureRandom RANDOM = new SecureRandom();

    @Override
    public String generateIdentifier() {
        return next(System.currentTimeMillis(), RANDOM).toString();
    }

    static UUID next(long epochMillis, SecureRandom random) {
        byte[] bytes = new byte[10];
        random.nextBytes(bytes);
        long randA = ((bytes[0] & 0xFFL) << 8 | (bytes[1] & 0xFFL)) & 0x0FFFL;
        long msb = (epochMillis & 0xFFFF_FFFF_FFFFL) << 16 | 0x7000L | randA;
        long lsb = 0;
        for (int i = 2; i < 10; i++) lsb = lsb << 8 | (bytes[i] & 0xFFL);
        lsb = lsb & 0x3FFF_FFFF_FFFF_FFFFL | 0x8000_0000_0000_0000L;
        return new UUID(msb, lsb);
    }
}
