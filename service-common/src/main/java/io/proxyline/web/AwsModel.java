package io.proxyline.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The subset of the Amazon Chime SDK Voice service model (botocore format) that Proxyline serves:
 * operations with their HTTP binding and success status, and the shapes their input is validated
 * against. Loaded once; immutable afterwards.
 */
public final class AwsModel {
    /** The classpath resource the service model is loaded from. */
    public static final String RESOURCE = "aws/chime-sdk-voice-2022-08-03.json";
    /** Proxyline's own operations (the routing hook, …), in the same format, merged over {@link #RESOURCE}. */
    public static final String EXTENSIONS = "aws/proxyline-extensions.json";

    private final Map<String, Operation> operations;
    private final Map<String, Shape> shapes;

    private AwsModel(Map<String, Operation> operations, Map<String, Shape> shapes) {
        this.operations = operations;
        this.shapes = shapes;
    }

    /** Loads the Chime SDK Voice model bundled with this module, with Proxyline's extensions merged in. */
    public static AwsModel load() {
        return load(RESOURCE, EXTENSIONS);
    }

    /**
     * Loads botocore service models from the classpath and merges them (a later one may refer to an
     * earlier one's shapes, never redefine them); fails fast on anything the validator cannot enforce.
     */
    public static AwsModel load(String... resources) {
        com.fasterxml.jackson.databind.node.ObjectNode merged = new ObjectMapper().createObjectNode();
        merged.putObject("operations");
        merged.putObject("shapes");
        for (String resource : resources) {
            JsonNode root = read(resource);
            for (String section : List.of("operations", "shapes")) {
                com.fasterxml.jackson.databind.node.ObjectNode into =
                        (com.fasterxml.jackson.databind.node.ObjectNode) merged.get(section);
                root.path(section).properties().forEach(e -> {
                    if (into.has(e.getKey())) {
                        throw new IllegalStateException(resource + " redefines " + section + " " + e.getKey());
                    }
                    into.set(e.getKey(), e.getValue());
                });
            }
        }
        return parse(merged);
    }

    private static JsonNode read(String resource) {
        ClassLoader loader = AwsModel.class.getClassLoader();
        try (InputStream in = loader.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("AWS service model not found on the classpath: " + resource);
            }
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read AWS service model " + resource, e);
        }
    }

    /** An operation's HTTP binding, e.g. CreateProxySession: POST, 201, input CreateProxySessionRequest. */
    public record Operation(String name, String method, String requestUri, int successStatus, String inputShape) {}

    /** The success HTTP status of an operation as the model defines it (its {@code responseCode}, 200 when absent). */
    public int successStatus(String operation) {
        return operation(operation).successStatus();
    }

    /** @throws IllegalArgumentException for a name the model does not define: a programming error, not bad input */
    public Operation operation(String name) {
        Operation operation = operations.get(name);
        if (operation == null) {
            throw new IllegalArgumentException("operation not in the AWS service model: " + name);
        }
        return operation;
    }

    public Set<String> operationNames() {
        return operations.keySet();
    }

    Shape shape(String name) {
        Shape shape = shapes.get(name);
        if (shape == null) {
            throw new IllegalArgumentException("shape not in the AWS service model: " + name);
        }
        return shape;
    }

    enum ShapeType {
        STRING("string"), INTEGER("integer"), LONG("long"), BOOLEAN("boolean"), TIMESTAMP("timestamp"),
        LIST("list"), STRUCTURE("structure");

        final String modelName;

        ShapeType(String modelName) {
            this.modelName = modelName;
        }

        static ShapeType of(String shapeName, String modelName) {
            for (ShapeType type : values()) {
                if (type.modelName.equals(modelName)) {
                    return type;
                }
            }
            throw new IllegalStateException("shape " + shapeName + " has type '" + modelName
                    + "', which the request validator does not support");
        }
    }

    /** Where a member's value comes from: the JSON body, a URI label, the query string or a header. */
    enum Location {
        BODY, URI, QUERYSTRING, HEADER;

        static Location of(String memberName, String modelName) {
            if (modelName == null) {
                return BODY;
            }
            return switch (modelName) {
                case "uri" -> URI;
                case "querystring" -> QUERYSTRING;
                case "header" -> HEADER;
                default -> throw new IllegalStateException(
                        "member " + memberName + " has unsupported location " + modelName);
            };
        }
    }

    record Member(String name, String shape, Location location, String locationName) {}

    /**
     * One shape with the constraints the validator enforces. {@code min}/{@code max} bound a string's
     * length, a list's size or an integer's value, depending on the type.
     */
    record Shape(String name, ShapeType type, Map<String, Member> members, Set<String> required, String listMember,
                 List<String> enumValues, Pattern pattern, Long min, Long max, String timestampFormat,
                 boolean sensitive) {}

    private static AwsModel parse(JsonNode root) {
        Map<String, Shape> shapes = new LinkedHashMap<>();
        root.path("shapes").properties().forEach(e -> shapes.put(e.getKey(), parseShape(e.getKey(), e.getValue())));

        Map<String, Operation> operations = new LinkedHashMap<>();
        root.path("operations").properties().forEach(e -> {
            JsonNode http = e.getValue().path("http");
            String input = e.getValue().path("input").path("shape").asText(null);
            if (input == null || !shapes.containsKey(input)) {
                throw new IllegalStateException("operation " + e.getKey() + " has no known input shape");
            }
            operations.put(e.getKey(), new Operation(e.getKey(), http.path("method").asText(),
                    http.path("requestUri").asText(), http.path("responseCode").asInt(200), input));
        });

        for (Shape shape : shapes.values()) {
            shape.members().values().forEach(m -> requireShape(shapes, shape.name() + "." + m.name(), m.shape()));
            if (shape.type() == ShapeType.LIST) {
                requireShape(shapes, shape.name() + ".member", shape.listMember());
            }
        }
        return new AwsModel(Collections.unmodifiableMap(operations), Collections.unmodifiableMap(shapes));
    }

    private static void requireShape(Map<String, Shape> shapes, String where, String shape) {
        if (shape == null || !shapes.containsKey(shape)) {
            throw new IllegalStateException(where + " refers to unknown shape " + shape);
        }
    }

    private static Shape parseShape(String name, JsonNode node) {
        ShapeType type = ShapeType.of(name, node.path("type").asText());
        Map<String, Member> members = new LinkedHashMap<>();
        node.path("members").properties().forEach(e -> {
            JsonNode m = e.getValue();
            Location location = Location.of(e.getKey(), m.path("location").asText(null));
            String locationName = m.path("locationName").asText(e.getKey());
            members.put(e.getKey(), new Member(e.getKey(), m.path("shape").asText(null), location, locationName));
        });
        Set<String> required = new LinkedHashSet<>();
        node.path("required").forEach(r -> required.add(r.asText()));
        List<String> enumValues = null;
        if (node.has("enum")) {
            enumValues = new ArrayList<>();
            for (JsonNode v : node.get("enum")) {
                enumValues.add(v.asText());
            }
            enumValues = List.copyOf(enumValues);
        }
        Pattern pattern = null;
        if (node.has("pattern")) {
            try {
                pattern = Pattern.compile(node.get("pattern").asText());
            } catch (PatternSyntaxException e) {
                throw new IllegalStateException("shape " + name + " has a pattern Java cannot compile", e);
            }
        }
        return new Shape(name, type, Collections.unmodifiableMap(members), Collections.unmodifiableSet(required),
                node.path("member").path("shape").asText(null), enumValues, pattern,
                node.has("min") ? node.get("min").asLong() : null, node.has("max") ? node.get("max").asLong() : null,
                node.path("timestampFormat").asText(null), node.path("sensitive").asBoolean(false));
    }
}
