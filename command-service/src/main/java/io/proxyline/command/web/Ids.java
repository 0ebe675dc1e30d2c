package io.proxyline.command.web;

import java.security.SecureRandom;

/** Resource ids in the style AWS uses for voice connectors and proxy sessions. */
public final class Ids {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final char[] ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789".toCharArray();

    private Ids() {}

    public static String newId() {
        char[] id = new char[22];
        for (int i = 0; i < id.length; i++) id[i] = ALPHABET[RANDOM.nextInt(ALPHABET.length)];
        return new String(id);
    }
}
