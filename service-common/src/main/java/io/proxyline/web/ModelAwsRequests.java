package io.proxyline.web;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.proxyline.api.wire.ProxyRejected;
import io.proxyline.web.AwsModel.Member;
import io.proxyline.web.AwsModel.Shape;
import io.proxyline.web.AwsModel.ShapeType;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@link AwsRequests} driven by the {@link AwsModel}. Validation is strict in the way AWS is: JSON
 * types must match the shape exactly (no coercion), {@code null} counts as absent (an error for a
 * required member), constraints are checked recursively, unknown members are dropped. Every
 * violation is reported, AWS-style, in one BadRequest message.
 */
public final class ModelAwsRequests implements AwsRequests {
    private static final int MAX_REPORTED_ERRORS = 10;
    private static final int MAX_RENDERED_VALUE = 256;
    private static final String REDACTED = "*** Sensitive Data Redacted ***";

    private final AwsModel model;
    private final ObjectMapper mapper = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    public ModelAwsRequests(AwsModel model) {
        this.model = model;
    }

    @Override
    public ObjectNode read(String operation, HttpServletRequest request, Map<String, String> uriLabels) {
        request.setAttribute(AwsRoutes.OPERATION_ATTRIBUTE, operation);
        Shape input = model.shape(model.operation(operation).inputShape());
        ObjectNode body = parseBody(readBody(request));
        Map<String, List<String>> query = QueryStrings.parse(request.getQueryString());

        Errors errors = new Errors();
        ObjectNode merged = JsonNodeFactory.instance.objectNode();
        for (Member member : input.members().values()) {
            Shape shape = model.shape(member.shape());
            JsonNode value = switch (member.location()) {
                case BODY -> body.get(member.name());
                case URI -> fromText(shape, member.name(), uriLabels.get(member.locationName()), errors);
                case QUERYSTRING -> fromQuery(shape, member.name(), query.get(member.locationName()), errors);
                case HEADER -> fromText(shape, member.name(), request.getHeader(member.locationName()), errors);
            };
            if (value != null) {
                merged.set(member.name(), value);
            }
        }
        ObjectNode result = (ObjectNode) validate(input, merged, "", errors);
        errors.throwIfAny();
        return result;
    }

    private static byte[] readBody(HttpServletRequest request) {
        try {
            return CachedBodyRequest.bodyOf(request);
        } catch (CachedBodyRequest.BodyTooLargeException e) {
            throw e.toRejected();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the request body", e);
        }
    }

    ObjectNode parseBody(byte[] bytes) {
        JsonNode node;
        try {
            node = mapper.readTree(bytes);
        } catch (JsonProcessingException e) {
            throw ProxyRejected.badRequest("Malformed JSON in request body: " + describe(e));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot parse the request body", e);
        }
        // Jackson reads empty or whitespace-only content as a missing node; AWS treats it as no members.
        if (node == null || node.isMissingNode()) {
            return JsonNodeFactory.instance.objectNode();
        }
        if (!node.isObject()) {
            throw ProxyRejected.badRequest("The request body must be a JSON object, not " + jsonType(node));
        }
        return (ObjectNode) node;
    }

    private static String describe(JsonProcessingException e) {
        String message = e.getOriginalMessage();
        if (message != null && message.length() > 200) {
            message = message.substring(0, 200) + "...";
        }
        JsonLocation location = e.getLocation();
        return location == null ? message
                : message + " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }

    /** A URI label or header is text on the wire; it becomes the JSON type its shape declares. */
    private static JsonNode fromText(Shape shape, String path, String text, Errors errors) {
        if (text == null) {
            return null;
        }
        return switch (shape.type()) {
            case INTEGER, LONG -> parseInteger(shape, path, text, errors);
            case BOOLEAN -> parseBoolean(shape, path, text, errors);
            default -> TextNode.valueOf(text);
        };
    }

    private static JsonNode fromQuery(Shape shape, String path, List<String> values, Errors errors) {
        if (values == null || values.isEmpty()) {
            return null;
        }
        if (shape.type() == ShapeType.LIST) {
            ArrayNode list = JsonNodeFactory.instance.arrayNode();
            values.forEach(list::add);
            return list;
        }
        if (values.size() > 1) {
            errors.add(values.toString(), path, "Member must have a single value", shape.sensitive());
            return null;
        }
        return fromText(shape, path, values.get(0), errors);
    }

    private static JsonNode parseInteger(Shape shape, String path, String text, Errors errors) {
        try {
            long value = Long.parseLong(text);
            if (shape.type() == ShapeType.INTEGER && (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE)) {
                throw new NumberFormatException(text);
            }
            return shape.type() == ShapeType.INTEGER ? IntNode.valueOf((int) value) : LongNode.valueOf(value);
        } catch (NumberFormatException e) {
            errors.add(text, path, "Member must be of type " + shape.type().modelName, shape.sensitive());
            return null;
        }
    }

    private static JsonNode parseBoolean(Shape shape, String path, String text, Errors errors) {
        if (text.equals("true") || text.equals("false")) {
            return BooleanNode.valueOf(Boolean.parseBoolean(text));
        }
        errors.add(text, path, "Member must be of type boolean", shape.sensitive());
        return null;
    }

    /** @return the value with unknown members dropped and null optionals removed; null when it has a type error */
    private JsonNode validate(Shape shape, JsonNode value, String path, Errors errors) {
        return switch (shape.type()) {
            case STRUCTURE -> validateStructure(shape, value, path, errors);
            case LIST -> validateList(shape, value, path, errors);
            case STRING -> validateString(shape, value, path, errors);
            case INTEGER, LONG -> validateInteger(shape, value, path, errors);
            case BOOLEAN -> expectType(shape, value, path, errors, value.isBoolean()) ? value : null;
            case TIMESTAMP -> validateTimestamp(shape, value, path, errors);
        };
    }

    private JsonNode validateStructure(Shape shape, JsonNode value, String path, Errors errors) {
        if (!expectType(shape, value, path, errors, value.isObject())) {
            return null;
        }
        ObjectNode result = JsonNodeFactory.instance.objectNode();
        for (Member member : shape.members().values()) {
            String memberPath = path.isEmpty() ? member.name() : path + "." + member.name();
            JsonNode child = value.get(member.name());
            if (child == null || child.isNull()) {
                if (shape.required().contains(member.name())) {
                    errors.add(null, memberPath, "Member must not be null", false);
                }
                continue;
            }
            JsonNode valid = validate(model.shape(member.shape()), child, memberPath, errors);
            if (valid != null) {
                result.set(member.name(), valid);
            }
        }
        return result;
    }

    private JsonNode validateList(Shape shape, JsonNode value, String path, Errors errors) {
        if (!expectType(shape, value, path, errors, value.isArray())) {
            return null;
        }
        checkRange(shape, value.size(), "length", value, path, errors);
        Shape memberShape = model.shape(shape.listMember());
        ArrayNode result = JsonNodeFactory.instance.arrayNode();
        for (int i = 0; i < value.size(); i++) {
            String memberPath = path + "." + (i + 1) + ".member";
            JsonNode element = value.get(i);
            if (element.isNull()) {
                errors.add(null, memberPath, "Member must not be null", false);
                continue;
            }
            JsonNode valid = validate(memberShape, element, memberPath, errors);
            if (valid != null) {
                result.add(valid);
            }
        }
        return result;
    }

    private JsonNode validateString(Shape shape, JsonNode value, String path, Errors errors) {
        if (!expectType(shape, value, path, errors, value.isTextual())) {
            return null;
        }
        String text = value.textValue();
        if (shape.enumValues() != null && !shape.enumValues().contains(text)) {
            errors.add(text, path, "Member must satisfy enum value set: " + shape.enumValues(), shape.sensitive());
        }
        checkRange(shape, text.codePointCount(0, text.length()), "length", value, path, errors);
        // Smithy patterns are ECMA-262 regular expressions and not implicitly anchored: find, not matches.
        if (shape.pattern() != null && !shape.pattern().matcher(text).find()) {
            errors.add(text, path, "Member must satisfy regular expression pattern: " + shape.pattern().pattern(),
                    shape.sensitive());
        }
        return value;
    }

    private JsonNode validateInteger(Shape shape, JsonNode value, String path, Errors errors) {
        boolean fits = value.isIntegralNumber()
                && (shape.type() == ShapeType.INTEGER ? value.canConvertToInt() : value.canConvertToLong());
        if (!expectType(shape, value, path, errors, fits)) {
            return null;
        }
        checkRange(shape, value.longValue(), "value", value, path, errors);
        return value;
    }

    private JsonNode validateTimestamp(Shape shape, JsonNode value, String path, Errors errors) {
        if ("iso8601".equals(shape.timestampFormat())) {
            if (value.isTextual() && isIso8601(value.textValue())) {
                return value;
            }
            errors.add(render(value), path, "Member must be an ISO-8601 timestamp", isSensitive(shape));
            return null;
        }
        return expectType(shape, value, path, errors, value.isNumber()) ? value : null;
    }

    private static boolean isIso8601(String text) {
        try {
            Instant.parse(text);
            return true;
        } catch (DateTimeParseException e) {
            try {
                OffsetDateTime.parse(text);
                return true;
            } catch (DateTimeParseException again) {
                return false;
            }
        }
    }

    private boolean expectType(Shape shape, JsonNode value, String path, Errors errors, boolean matches) {
        if (!matches) {
            errors.add(render(value), path, "Member must be of type " + shape.type().modelName, isSensitive(shape));
        }
        return matches;
    }

    private void checkRange(Shape shape, long actual, String what, JsonNode value, String path, Errors errors) {
        String comparison = what.equals("value") ? "Member must have value " : "Member must have length ";
        if (shape.min() != null && actual < shape.min()) {
            errors.add(render(value), path, comparison + "greater than or equal to " + shape.min(), isSensitive(shape));
        }
        if (shape.max() != null && actual > shape.max()) {
            errors.add(render(value), path, comparison + "less than or equal to " + shape.max(), isSensitive(shape));
        }
    }

    /** A list or structure that holds sensitive values is not echoed back either. */
    private boolean isSensitive(Shape shape) {
        return containsSensitive(shape, 0);
    }

    private boolean containsSensitive(Shape shape, int depth) {
        if (shape.sensitive()) {
            return true;
        }
        // The guard only matters for recursive shapes; treating a very deep one as sensitive is the safe side.
        if (depth > 16) {
            return true;
        }
        return switch (shape.type()) {
            case LIST -> containsSensitive(model.shape(shape.listMember()), depth + 1);
            case STRUCTURE -> shape.members().values().stream()
                    .anyMatch(m -> containsSensitive(model.shape(m.shape()), depth + 1));
            default -> false;
        };
    }

    private static String render(JsonNode value) {
        return value.isTextual() ? value.textValue() : value.toString();
    }

    private static String jsonType(JsonNode node) {
        return switch (node.getNodeType()) {
            case ARRAY -> "an array";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case NULL -> "null";
            default -> node.getNodeType().name().toLowerCase();
        };
    }

    /** Collects violations in the AWS wording: "Value 'x' at 'Member' failed to satisfy constraint: …". */
    private static final class Errors {
        private final List<String> messages = new ArrayList<>();
        private int count;

        void add(String value, String path, String constraint, boolean sensitive) {
            count++;
            if (messages.size() >= MAX_REPORTED_ERRORS) {
                return;
            }
            String shown;
            if (value == null) {
                shown = "Value null";
            } else if (sensitive) {
                shown = "Value '" + REDACTED + "'";
            } else {
                String shortened = value.length() > MAX_RENDERED_VALUE
                        ? value.substring(0, MAX_RENDERED_VALUE) + "..." : value;
                shown = "Value '" + shortened + "'";
            }
            messages.add(shown + " at '" + path + "' failed to satisfy constraint: " + constraint);
        }

        void throwIfAny() {
            if (count == 0) {
                return;
            }
            String summary = count + (count == 1 ? " validation error detected: " : " validation errors detected: ")
                    + String.join("; ", messages);
            if (count > messages.size()) {
                summary += "; and " + (count - messages.size()) + " more";
            }
            throw ProxyRejected.badRequest(summary);
        }
    }
}
