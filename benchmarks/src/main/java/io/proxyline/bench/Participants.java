package io.proxyline.bench;

import io.proxyline.api.phone.PhoneNumbers;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Distinct, valid US participant numbers, two per session, never repeated within a run.
 *
 * <p>Numbers are {@code +1 <area> <exchange> <4 digits>} over a few big-city area codes and every
 * exchange 200–999 except 555 and the N11 codes. libphonenumber decides validity by prefix, so an
 * exchange is used only when samples across its whole subscriber range are valid; every 997th
 * number handed out is checked again, so a wrong assumption fails loudly instead of sending
 * invalid numbers.
 */
final class Participants {
    private static final String[] AREA_CODES = {"212", "312", "415", "617", "646", "718", "917"};
    private static final int[] SAMPLES = {0, 1234, 5555, 9999};

    private final List<String> prefixes = new ArrayList<>();
    private final AtomicLong next = new AtomicLong();

    Participants() {
        for (String area : AREA_CODES) {
            for (int exchange = 200; exchange <= 999; exchange++) {
                if (exchange == 555 || exchange % 100 == 11) continue;
                String prefix = "+1" + area + exchange;
                boolean valid = true;
                for (int s : SAMPLES) valid &= PhoneNumbers.isE164(prefix + String.format("%04d", s));
                if (valid) prefixes.add(prefix);
            }
        }
        if (prefixes.isEmpty()) throw new IllegalStateException("libphonenumber accepts none of the participant prefixes");
    }

    /** How many distinct numbers this generator can hand out. */
    long capacity() {
        return prefixes.size() * 10_000L;
    }

    String next() {
        long n = next.getAndIncrement();
        if (n >= capacity()) throw new IllegalStateException("out of participant numbers after " + n);
        String number = prefixes.get((int) (n / 10_000)) + String.format("%04d", n % 10_000);
        if (n % 997 == 0 && !PhoneNumbers.isE164(number)) {
            throw new IllegalStateException("generated participant number " + number + " is not valid E.164");
        }
        return number;
    }

    /** The pool: Seattle numbers, disjoint from every participant number. */
    static List<String> pool(int size) {
        return pool(size, 0);
    }

    /**
     * {@code size} pool numbers after the first {@code skip}: pools with disjoint ranges share no number (a
     * number is associated with one connector at a time), and none is a participant number.
     */
    static List<String> pool(int size, int skip) {
        int first = 100 + skip;
        if (first + size > 10_000) throw new IllegalArgumentException(size + " pool numbers after " + skip + ": out of range");
        List<String> pool = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            String number = String.format("+1206555%04d", first + i);
            if (!PhoneNumbers.isE164(number)) throw new IllegalStateException(number + " is not valid E.164");
            pool.add(number);
        }
        return pool;
    }
}
