package io.proxyline.api.wire;

import java.util.Locale;

/**
 * An enum as the AWS model spells its values: the constant's name in PascalCase
 * ({@code IN_PROGRESS} is {@code InProgress}) unless the enum says otherwise, and one lookup back
 * from the wire for all of them.
 */
public interface WireValue {

    /** The constant's {@code name()}; every implementation is an enum. */
    String name();

    default String wire() {
        StringBuilder wire = new StringBuilder();
        for (String word : name().split("_")) {
            wire.append(word.charAt(0)).append(word.substring(1).toLowerCase(Locale.ROOT));
        }
        return wire.toString();
    }

    /** @throws IllegalArgumentException when no constant of {@code type} is spelled {@code value} */
    static <E extends Enum<E> & WireValue> E fromWire(Class<E> type, String value) {
        for (E constant : type.getEnumConstants()) {
            if (constant.wire().equals(value)) return constant;
        }
        throw new IllegalArgumentException("unknown " + type.getSimpleName() + " " + value);
    }
}
