package io.proxyline.web;

import io.proxyline.web.AwsModel.Member;
import io.proxyline.web.AwsModel.Operation;
import io.proxyline.web.AwsModel.Shape;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A seeded generator of hostile requests over the service model: every operation the model
 * defines (the AWS ones and Proxyline's), with its method and path, URI labels, query-string members
 * and JSON body built from the operation's input shape, then broken — wrong JSON types, missing
 * required and unknown members, huge and deeply nested values, malformed JSON, garbage ids and query
 * strings, wrong methods — and sent with a good, tampered, stale, missing or foreign signature.
 * The same seed gives the same requests (ids of resources are drawn from the caller's lists).
 * It only describes requests; sending them and judging the answers is the caller's.
 */
public final class ModelFuzzer {
    /** Who signs and how. */
    public enum Auth {
        /** Validly signed by the first account, on its own (or garbage) resources. */
        OWN,
        /** Validly signed by one account, on the other account's resources. */
        CROSS_ACCOUNT,
        /** Signed over another body than the one sent. */
        TAMPERED_BODY,
        /** Signed 20 minutes ago. */
        STALE,
        /** No signature at all. */
        MISSING,
        /** An access key nobody configured. */
        UNKNOWN_KEY,
        /** The right access key, the wrong secret. */
        WRONG_SECRET,
        /** Signed for another service's signing name. */
        OTHER_SERVICE,
        /** An Authorization header that is not a well-formed SigV4 one. */
        GARBAGE_AUTHORIZATION,
        /** HTTP Basic with a made-up hook credential. */
        BAD_BASIC,
        /** Bytes on a raw socket: malformed request lines, oversized headers. */
        RAW;

        public boolean isAttack() {
            return this != OWN;
        }
    }

    /**
     * One request: {@code signer} is "A" or "B" (the two accounts), {@code victimIds} the other
     * account's ids it names (URI labels and body), {@code raw} set only for {@link Auth#RAW}.
     */
    public record Request(int index, String operation, Auth auth, String signer, String method, String pathAndQuery,
                          byte[] body, Map<String, String> headers, byte[] raw, List<String> victimIds,
                          String mutation) {
        @Override
        public String toString() {
            String shownPath = pathAndQuery.length() > 200 ? pathAndQuery.substring(0, 200) + "..." : pathAndQuery;
            String shownBody = new String(body, 0, Math.min(body.length, 200), StandardCharsets.UTF_8);
            return "#" + index + " " + auth + "/" + signer + " " + operation + " [" + mutation + "] " + method + " "
                    + shownPath + " body(" + body.length + ")=" + shownBody;
        }
    }

    /**
     * The ids the generator may name, by kind ({@code voiceConnectorId}, {@code proxySessionId},
     * {@code phoneNumberId}, {@code e164}, …) for one account's resources.
     */
    public record Ids(Map<String, List<String>> byKind) {
        List<String> of(String kind) {
            return byKind.getOrDefault(kind, List.of());
        }
    }

    private static final Pattern LABEL = Pattern.compile("\\{([^}+]+)\\+?}");
    private static final String[] METHODS = {"GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS"};
    private static final Set<String> ID_KINDS = Set.of("voiceConnectorId", "proxySessionId");

    private final AwsModel model;
    private final Random random;
    private final List<Operation> operations = new ArrayList<>();
    private final Ids ownOfA;
    private final Ids victimsOfA;
    private final Ids victimsOfB;
    private final Set<String> neverValidlySigned;

    /**
     * @param ownOfA resources of account A that validly signed requests may change
     * @param victimsOfA, victimsOfB resources that only attacks name (they must stay as they are)
     * @param neverValidlySigned operations never sent with a valid signature (an event stream never ends)
     */
    public ModelFuzzer(AwsModel model, long seed, Ids ownOfA, Ids victimsOfA, Ids victimsOfB,
                       Set<String> neverValidlySigned) {
        this.model = model;
        this.random = new Random(seed);
        this.ownOfA = ownOfA;
        this.victimsOfA = victimsOfA;
        this.victimsOfB = victimsOfB;
        this.neverValidlySigned = neverValidlySigned;
        model.operationNames().stream().sorted().forEach(name -> operations.add(model.operation(name)));
    }

    public List<Request> generate(int count) {
        List<Request> requests = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            requests.add(next(i));
        }
        return requests;
    }

    private Request next(int index) {
        Auth auth = pickAuth();
        if (auth == Auth.RAW) {
            return raw(index);
        }
        Operation operation = operations.get(random.nextInt(operations.size()));
        while (auth.ordinal() <= Auth.CROSS_ACCOUNT.ordinal() && neverValidlySigned.contains(operation.name())) {
            operation = operations.get(random.nextInt(operations.size()));
        }
        String signer = "A";
        Ids ids;
        if (auth == Auth.OWN) {
            ids = random.nextInt(5) == 0 ? new Ids(Map.of()) : ownOfA;
        } else if (auth == Auth.CROSS_ACCOUNT) {
            boolean bobAttacks = random.nextBoolean();
            signer = bobAttacks ? "B" : "A";
            ids = bobAttacks ? victimsOfA : victimsOfB;
        } else {
            ids = random.nextBoolean() ? victimsOfA : victimsOfB;
        }
        List<String> victimIds = new ArrayList<>();
        Collection<String> mutations = new java.util.LinkedHashSet<>();
        Shape input = model.shape(operation.inputShape());

        String method = operation.method();
        if (random.nextInt(12) == 0) {
            method = METHODS[random.nextInt(METHODS.length)];
            mutations.add("method " + method);
        }
        String path = path(operation, input, ids, auth, victimIds, mutations);
        String query = query(operation, input, mutations);
        Map<String, String> headers = new LinkedHashMap<>();
        byte[] body = body(input, ids, auth, victimIds, mutations, headers);
        if (random.nextInt(25) == 0) {
            headers.put("X-Fuzz-" + random.nextInt(1000), text(random.nextInt(3) == 0 ? 9000 : 200));
            mutations.add("big header");
        }
        if (auth == Auth.GARBAGE_AUTHORIZATION) {
            headers.put("Authorization", garbageAuthorization());
        } else if (auth == Auth.BAD_BASIC) {
            headers.put("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString(
                    ("HOOKFAKE" + random.nextInt(1000) + ":" + text(24)).getBytes(StandardCharsets.UTF_8)));
        }
        return new Request(index, operation.name(), auth, signer, method, path + query, body, headers, null,
                List.copyOf(victimIds), String.join(", ", mutations));
    }

    private Auth pickAuth() {
        int roll = random.nextInt(100);
        if (roll < 38) return Auth.OWN;
        if (roll < 58) return Auth.CROSS_ACCOUNT;
        if (roll < 65) return Auth.TAMPERED_BODY;
        if (roll < 70) return Auth.STALE;
        if (roll < 77) return Auth.MISSING;
        if (roll < 81) return Auth.UNKNOWN_KEY;
        if (roll < 85) return Auth.WRONG_SECRET;
        if (roll < 88) return Auth.OTHER_SERVICE;
        if (roll < 93) return Auth.GARBAGE_AUTHORIZATION;
        if (roll < 96) return Auth.BAD_BASIC;
        return Auth.RAW;
    }

    // --- the path: the operation's template with each label a real id, a garbage one, or nothing usable

    private String path(Operation operation, Shape input, Ids ids, Auth auth, List<String> victimIds,
                        Collection<String> mutations) {
        String template = operation.requestUri();
        int q = template.indexOf('?');
        String path = q < 0 ? template : template.substring(0, q);
        StringBuilder out = new StringBuilder();
        Matcher label = LABEL.matcher(path);
        int at = 0;
        while (label.find()) {
            out.append(path, at, label.start());
            String kind = label.group(1);
            List<String> known = ids.of(kind);
            String value;
            if (!known.isEmpty() && random.nextInt(6) != 0) {
                value = known.get(random.nextInt(known.size()));
                if (auth != Auth.OWN && ID_KINDS.contains(kind)) {
                    victimIds.add(value);
                }
            } else {
                value = garbageId();
                mutations.add("garbage " + kind);
            }
            out.append(encodePathSegment(value));
            at = label.end();
        }
        out.append(path.substring(at));
        return out.toString();
    }

    private String garbageId() {
        return switch (random.nextInt(9)) {
            case 0 -> "";
            case 1 -> "..";
            case 2 -> text(1 + random.nextInt(40));
            case 3 -> text(200 + random.nextInt(3000));
            case 4 -> unicode(1 + random.nextInt(30));
            case 5 -> "+1" + random.nextInt(1_000_000_000);
            case 6 -> java.util.UUID.randomUUID().toString();
            case 7 -> "' OR '1'='1";
            default -> "{\"$gt\":\"\"}";
        };
    }

    /** Percent-encodes a path segment the way an AWS SDK does (an empty segment stays empty). */
    private static String encodePathSegment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20").replace("*", "%2A")
                .replace("%7E", "~");
    }

    // --- the query string: the operation's selector and querystring members, valid or broken

    private String query(Operation operation, Shape input, Collection<String> mutations) {
        List<String> pairs = new ArrayList<>();
        String template = operation.requestUri();
        int q = template.indexOf('?');
        if (q >= 0 && random.nextInt(15) != 0) {
            pairs.add(template.substring(q + 1));
        } else if (q >= 0) {
            mutations.add("no selector");
        }
        for (Member member : input.members().values()) {
            if (member.location() != AwsModel.Location.QUERYSTRING || random.nextInt(3) == 0) {
                continue;
            }
            Shape shape = model.shape(member.shape());
            String value;
            int roll = random.nextInt(10);
            if (roll < 4) {
                value = validText(member.name(), shape);
            } else if (roll < 6) {
                value = wrongText(shape);
                mutations.add("bad " + member.locationName());
            } else if (roll < 9 && member.name().equals("NextToken")) {
                value = random.nextInt(4) == 0 ? text(2000 + random.nextInt(8000)) : text(1 + random.nextInt(300));
                mutations.add("garbage next-token(" + value.length() + ")");
            } else {
                value = unicode(1 + random.nextInt(20));
                mutations.add("unicode " + member.locationName());
            }
            pairs.add(member.locationName() + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20"));
            if (random.nextInt(10) == 0) {
                pairs.add(member.locationName() + "=" + URLEncoder.encode(validText(member.name(), shape),
                        StandardCharsets.UTF_8));
                mutations.add("repeated " + member.locationName());
            }
        }
        if (random.nextInt(12) == 0) {
            pairs.add("unknown-" + random.nextInt(100) + "=" + text(5));
            mutations.add("unknown query member");
        }
        return pairs.isEmpty() ? "" : "?" + String.join("&", pairs);
    }

    private String validText(String name, Shape shape) {
        return switch (shape.type()) {
            case INTEGER, LONG -> String.valueOf(inRange(shape, 1, 99));
            case BOOLEAN -> String.valueOf(random.nextBoolean());
            case TIMESTAMP -> Instant.now().minusSeconds(random.nextInt(100_000)).toString();
            case LIST -> validText(name, model.shape(shape.listMember()));
            default -> validString(name, shape, new Ids(Map.of()));
        };
    }

    private String wrongText(Shape shape) {
        return switch (random.nextInt(6)) {
            case 0 -> "abc";
            case 1 -> "99999999999999999999999";
            case 2 -> "-1";
            case 3 -> "";
            case 4 -> "1.5e3";
            default -> text(100 + random.nextInt(2000));
        };
    }

    // --- the body: the input shape's body members, then broken

    private byte[] body(Shape input, Ids ids, Auth auth, List<String> victimIds, Collection<String> mutations,
                        Map<String, String> headers) {
        boolean hasBody = input.members().values().stream().anyMatch(m -> m.location() == AwsModel.Location.BODY);
        if (!hasBody && random.nextInt(4) != 0) {
            return new byte[0];
        }
        int roll = random.nextInt(100);
        if (roll < 4) {
            mutations.add("broken JSON");
            return brokenJson().getBytes(StandardCharsets.UTF_8);
        }
        if (roll < 6) {
            mutations.add("not an object");
            return List.of("[]", "\"x\"", "1", "null", "true", "[{}]").get(random.nextInt(6))
                    .getBytes(StandardCharsets.UTF_8);
        }
        if (roll < 7) {
            mutations.add("deep nesting");
            return deep(100 + random.nextInt(3000)).getBytes(StandardCharsets.UTF_8);
        }
        if (roll < 8) {
            mutations.add("invalid UTF-8");
            return new byte[] {'{', '"', 'N', 'a', 'm', 'e', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};
        }
        if (roll < 9 && random.nextInt(3) == 0) {
            mutations.add("over 1 MiB");
            byte[] big = new byte[CachedBodyRequest.MAX_BODY_BYTES + 1 + random.nextInt(4096)];
            java.util.Arrays.fill(big, (byte) ' ');
            big[0] = '{';
            big[big.length - 1] = '}';
            return big;
        }
        if (roll < 11) {
            headers.put("Content-Type", List.of("text/plain", "application/xml", "application/x-www-form-urlencoded",
                    "multipart/form-data; boundary=x", "application/json; charset=ISO-8859-1").get(random.nextInt(5)));
            mutations.add("content type " + headers.get("Content-Type"));
        }
        StringBuilder json = new StringBuilder();
        writeStructure(json, input, ids, auth, victimIds, mutations, 0, true);
        return json.toString().getBytes(StandardCharsets.UTF_8);
    }

    private void writeStructure(StringBuilder json, Shape shape, Ids ids, Auth auth, List<String> victimIds,
                                Collection<String> mutations, int depth, boolean top) {
        json.append('{');
        boolean first = true;
        for (Member member : shape.members().values()) {
            if (top && member.location() != AwsModel.Location.BODY) {
                continue;
            }
            boolean required = shape.required().contains(member.name());
            if (!required && random.nextInt(3) == 0) {
                continue;
            }
            if (required && random.nextInt(15) == 0) {
                mutations.add("missing " + member.name());
                continue;
            }
            if (!first) json.append(',');
            first = false;
            json.append('"').append(member.name()).append("\":");
            if (random.nextInt(12) == 0) {
                mutations.add("wrong type " + member.name());
                json.append(wrongJson());
            } else {
                writeValue(json, member.name(), model.shape(member.shape()), ids, auth, victimIds, mutations, depth + 1);
            }
        }
        if (random.nextInt(10) == 0) {
            if (!first) json.append(',');
            json.append("\"Unknown").append(random.nextInt(100)).append("\":").append(wrongJson());
            mutations.add("unknown member");
        }
        json.append('}');
    }

    private void writeValue(StringBuilder json, String name, Shape shape, Ids ids, Auth auth, List<String> victimIds,
                            Collection<String> mutations, int depth) {
        switch (shape.type()) {
            case STRING -> {
                if (depth < 4 && random.nextInt(30) == 0) {
                    mutations.add("huge " + name);
                    quote(json, text(10_000 + random.nextInt(200_000)));
                } else {
                    String value = validString(name, shape, ids);
                    if (auth != Auth.OWN && name.equals("VoiceConnectorId") && ids.of("voiceConnectorId").contains(value)) {
                        victimIds.add(value);
                    }
                    quote(json, value);
                }
            }
            case INTEGER, LONG -> json.append(random.nextInt(20) == 0 ? "99999999999999999999" : inRange(shape, 1, 600));
            case BOOLEAN -> json.append(random.nextBoolean());
            case TIMESTAMP -> quote(json, Instant.now().toString());
            case LIST -> {
                // A huge list holds ordinary members (depth 4 and below have no huge values of their own).
                // At most 2,000: associating 3,000 numbers already takes seconds (the model sets no
                // maximum; see the report of issue 11), 20,000 over 30 s, which would be a timeout here.
                int size = depth < 4 && random.nextInt(40) == 0 ? 1000 + random.nextInt(1000)
                        : (int) inRange(shape, 1, 3);
                if (size > 100) {
                    mutations.add("huge list " + name);
                    depth = 4;
                }
                json.append('[');
                Shape element = model.shape(shape.listMember());
                for (int i = 0; i < size; i++) {
                    if (i > 0) json.append(',');
                    writeValue(json, name, element, ids, auth, victimIds, mutations, depth + 1);
                }
                json.append(']');
            }
            case STRUCTURE -> writeStructure(json, shape, ids, auth, victimIds, mutations, depth, false);
        }
    }

    private String validString(String name, Shape shape, Ids ids) {
        if (shape.enumValues() != null && !shape.enumValues().isEmpty()) {
            return random.nextInt(15) == 0 ? shape.enumValues().get(0).toLowerCase()
                    : shape.enumValues().get(random.nextInt(shape.enumValues().size()));
        }
        if (name.contains("PhoneNumber") || name.startsWith("E164")) {
            List<String> known = ids.of("e164");
            if (!known.isEmpty() && random.nextBoolean()) {
                return known.get(random.nextInt(known.size()));
            }
            // Numbers +1206555 8000-9999 and +1212555 8000-9999 are left to the caller's resources.
            return random.nextBoolean() ? String.format("+1206555%04d", random.nextInt(8000))
                    : String.format("+1212555%04d", random.nextInt(8000));
        }
        if (name.equals("VoiceConnectorId")) {
            List<String> known = ids.of("voiceConnectorId");
            return known.isEmpty() ? garbageId() : known.get(random.nextInt(known.size()));
        }
        if (name.equals("Url")) {
            return List.of("https://127.0.0.1/hook", "http://10.0.0.1/", "https://localhost:1/x", "ftp://x",
                    "not a url", "https://[::1]/").get(random.nextInt(6));
        }
        if (name.equals("PhoneNumberPoolCountries") || name.equals("Country")) {
            return List.of("US", "GB", "DE", "ZZ", "us").get(random.nextInt(5));
        }
        if (name.equals("AreaCode")) {
            return String.valueOf(200 + random.nextInt(800));
        }
        String candidate = "fuzz-" + text(1 + random.nextInt(12));
        if (shape.pattern() != null && !shape.pattern().matcher(candidate).matches()) {
            for (String other : List.of(text(8), "a", "us-east-1", String.valueOf(random.nextInt(1000)))) {
                if (shape.pattern().matcher(other).matches()) {
                    return other;
                }
            }
        }
        return candidate;
    }

    private long inRange(Shape shape, long low, long high) {
        long min = shape.min() == null ? low : Math.max(shape.min(), low);
        long max = shape.max() == null ? high : Math.min(shape.max(), Math.max(high, min));
        return max <= min ? min : min + (long) (random.nextDouble() * (max - min + 1));
    }

    private String wrongJson() {
        return switch (random.nextInt(10)) {
            case 0 -> "null";
            case 1 -> "\"" + text(5) + "\"";
            case 2 -> "123";
            case 3 -> "-1.5e308";
            case 4 -> "true";
            case 5 -> "[]";
            case 6 -> "{}";
            case 7 -> "[null,{\"a\":[1,\"b\"]}]";
            case 8 -> "99999999999999999999999999999";
            default -> deep(20 + random.nextInt(200));
        };
    }

    private String brokenJson() {
        return switch (random.nextInt(12)) {
            case 0 -> "{";
            case 1 -> "{\"Name\":";
            case 2 -> "{\"Name\":\"x\",}";
            case 3 -> "{'Name':'x'}";
            case 4 -> "{\"Name\":NaN}";
            case 5 -> "{/* c */}";
            case 6 -> "\uFEFF{}";
            case 7 -> "{\"a\":1}{\"b\":2}";
            case 8 -> "{\"Name\":\"x\",\"Name\":\"y\"}";
            case 9 -> "{\"Name\":\"\\ud800\"}";
            case 10 -> "\u0000\u0001\u0002";
            default -> "{\"Name\":\"" + "\\".repeat(1 + random.nextInt(3)) + "\"}";
        };
    }

    private String deep(int depth) {
        boolean arrays = random.nextBoolean();
        StringBuilder s = new StringBuilder("{\"Name\":");
        for (int i = 0; i < depth; i++) s.append(arrays ? "[" : "{\"a\":");
        s.append("1");
        for (int i = 0; i < depth; i++) s.append(arrays ? "]" : "}");
        return s.append('}').toString();
    }

    private String garbageAuthorization() {
        return switch (random.nextInt(8)) {
            case 0 -> "";
            case 1 -> "AWS4-HMAC-SHA256";
            case 2 -> "AWS4-HMAC-SHA256 Credential=" + text(20) + "/20240101/us-east-1/chime/aws4_request, "
                    + "SignedHeaders=host;x-amz-date, Signature=" + "0".repeat(64);
            case 3 -> "AWS4-HMAC-SHA256 Credential=, SignedHeaders=, Signature=";
            case 4 -> "Bearer " + text(40);
            case 5 -> "AWS " + text(20) + ":" + text(28);
            case 6 -> "AWS4-HMAC-SHA256 Credential=" + text(3000);
            default -> "AWS4-HMAC-SHA256 Credential=%00%ff\\\"';<>, Signature=" + text(64);
        };
    }

    // --- raw requests: what no HTTP client sends

    private Request raw(int index) {
        String path = "/voice-connectors/" + text(8) + "/proxy-sessions";
        String line;
        String mutation;
        switch (random.nextInt(9)) {
            case 0 -> { line = "GET " + path + "?next-token=" + text(9000 + random.nextInt(3000)) + " HTTP/1.1"; mutation = "long request line"; }
            case 1 -> { line = "GET " + path + " HTTP/1.1\r\nX-Big: " + text(8200 + random.nextInt(2000)); mutation = "big header"; }
            case 2 -> { line = "GET " + path + " HTTP/1.1\r\nAuthorization: AWS4-HMAC-SHA256 Credential=" + text(9000); mutation = "big credential"; }
            case 3 -> { line = "GET /a b HTTP/1.1"; mutation = "space in target"; }
            case 4 -> { line = "G\u00e9T " + path + " HTTP/1.1"; mutation = "bad method"; }
            case 5 -> { line = "GET " + path + "/%zz HTTP/1.1"; mutation = "bad escape"; }
            case 6 -> { line = "GET " + path + " HTTP/7.0"; mutation = "bad version"; }
            case 7 -> { line = "FOO " + path + " HTTP/1.1"; mutation = "unknown method"; }
            default -> { line = "GET " + path + " HTTP/1.1\r\nBad Header\r\nContent-Length: -5"; mutation = "bad headers"; }
        }
        String request = line + "\r\nHost: localhost\r\nConnection: close\r\n\r\n";
        return new Request(index, "-", Auth.RAW, "-", "-", path, new byte[0], Map.of(),
                request.getBytes(StandardCharsets.ISO_8859_1), List.of(), mutation);
    }

    // --- text

    private static final String ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    private String text(int length) {
        StringBuilder s = new StringBuilder(length);
        for (int i = 0; i < length; i++) s.append(ALNUM.charAt(random.nextInt(ALNUM.length())));
        return s.toString();
    }

    private String unicode(int length) {
        String[] pieces = {"é", "ß", "中", "😀", "\u0000", "\u202e", "/", "%", "?", "#", "&", "=", " ", "\\", "\"", "'",
                "<", ">", "\u00a0", "\uffff"};
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < length; i++) s.append(pieces[random.nextInt(pieces.length)]);
        return s.toString();
    }

    private static void quote(StringBuilder json, String value) {
        json.append('"');
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                default -> {
                    if (c < 0x20) json.append(String.format("\\u%04x", (int) c));
                    else json.append(c);
                }
            }
        }
        json.append('"');
    }
}
