package io.proxyline.web;

import io.proxyline.api.wire.ProxyRejected;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses a raw query string the way AWS SigV4 reads it: RFC 3986 percent-decoding, where {@code +}
 * is a literal plus (AWS clients encode a space as {@code %20}), not the HTML-form space that the
 * servlet container's {@code getParameter} makes of it. The signature check and the operation input
 * must see the same values, so both read the query through this class.
 */
public final class QueryStrings {
    private QueryStrings() {}

    /**
     * @param rawQuery the query as received, without the {@code ?}; may be null
     * @return decoded names to decoded values, in order of appearance; a name without {@code =} has the value ""
     * @throws ProxyRejected BadRequest when a percent-escape or its UTF-8 is malformed
     */
    public static Map<String, List<String>> parse(String rawQuery) {
        Map<String, List<String>> params = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return params;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            params.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
        }
        return params;
    }

    static String decode(String raw) {
        if (raw.indexOf('%') < 0) {
            return raw;
        }
        StringBuilder out = new StringBuilder(raw.length());
        int i = 0;
        while (i < raw.length()) {
            if (raw.charAt(i) != '%') {
                out.append(raw.charAt(i++));
                continue;
            }
            // A run of escapes is one UTF-8 byte sequence; decode it as a whole.
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            while (i < raw.length() && raw.charAt(i) == '%') {
                if (i + 2 >= raw.length()) {
                    throw malformed();
                }
                int hi = Character.digit(raw.charAt(i + 1), 16);
                int lo = Character.digit(raw.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    throw malformed();
                }
                bytes.write(hi << 4 | lo);
                i += 3;
            }
            out.append(utf8(bytes.toByteArray()));
        }
        return out.toString();
    }

    private static String utf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw malformed();
        }
    }

    private static ProxyRejected malformed() {
        return ProxyRejected.badRequest("Malformed query string: invalid percent-encoding");
    }
}
