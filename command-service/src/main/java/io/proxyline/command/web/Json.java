package io.proxyline.command.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.proxyline.api.wire.WireTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** Reading validated input members and writing response members in the model's names. */
public final class Json {
    private Json() {}

    public static ObjectNode object() {
        return JsonNodeFactory.instance.objectNode();
    }

    public static String text(JsonNode in, String member) {
        JsonNode n = in.get(member);
        return n == null || n.isNull() ? null : n.asText();
    }

    public static Integer integer(JsonNode in, String member) {
        JsonNode n = in.get(member);
        return n == null || n.isNull() ? null : n.intValue();
    }

    public static Boolean bool(JsonNode in, String member) {
        JsonNode n = in.get(member);
        return n == null || n.isNull() ? null : n.booleanValue();
    }

    public static List<String> texts(JsonNode in, String member) {
        JsonNode n = in.get(member);
        List<String> out = new ArrayList<>();
        if (n != null) n.forEach(e -> out.add(e.asText()));
        return out;
    }

    /** Puts a member only when it has a value: AWS omits absent members rather than writing null. */
    public static void put(ObjectNode out, String member, String value) {
        if (value != null) out.put(member, value);
    }

    public static void put(ObjectNode out, String member, Instant value) {
        if (value != null) out.put(member, WireTime.format(value));
    }

    public static ArrayNode strings(Collection<String> values) {
        ArrayNode a = JsonNodeFactory.instance.arrayNode();
        values.forEach(a::add);
        return a;
    }
}
