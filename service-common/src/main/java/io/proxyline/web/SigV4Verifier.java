package io.proxyline.web;

import io.proxyline.api.wire.AwsErrorCode;
import io.proxyline.api.wire.ProxyRejected;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.internal.signer.CredentialScope;
import software.amazon.awssdk.http.auth.aws.internal.signer.V4Properties;
import software.amazon.awssdk.http.auth.aws.internal.signer.V4RequestSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * Verifies an AWS Signature Version 4 ({@code Authorization: AWS4-HMAC-SHA256 …}) by signing the
 * request again with the AWS SDK's own signer and the stored secret, and comparing the signatures in
 * constant time. The SigV4 algorithm itself is never reimplemented here: only the header is parsed,
 * and the request is rebuilt exactly as received (raw path, query, the signed headers only, body).
 *
 * <p>The SDK's public {@link AwsV4HttpSigner} always adds and signs {@code x-amz-content-sha256},
 * as the AWS SDK for Java v2 does on the wire. Clients that sign without that header (boto3, the
 * AWS CLI and others, for every service but S3) are verified with the same SDK's request signer
 * ({@link V4RequestSigner#create}, the step {@code AwsV4HttpSigner} delegates to) given the body
 * hash directly, so the canonical request holds exactly the headers the client signed.
 */
final class SigV4Verifier {
    static final String ALGORITHM = "AWS4-HMAC-SHA256";
    static final Duration MAX_CLOCK_SKEW = Duration.ofMinutes(15);

    private static final String CONTENT_SHA256 = "x-amz-content-sha256";
    private static final String AMZ_DATE = "x-amz-date";
    private static final DateTimeFormatter AMZ_DATE_FORMAT =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final Pattern SIGNATURE = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern SCOPE_DATE = Pattern.compile("[0-9]{8}");
    private static final Pattern REGION = Pattern.compile("[a-z0-9-]{1,64}");
    private static final Pattern HEADER_NAME = Pattern.compile("[a-z0-9!#$%&'*+.^_`|~-]+");

    private final CredentialStore credentials;
    private final String serviceName;
    private final Clock clock;
    private final AwsV4HttpSigner signer = AwsV4HttpSigner.create();

    SigV4Verifier(CredentialStore credentials, String serviceName, Clock clock) {
        this.credentials = credentials;
        this.serviceName = serviceName;
        this.clock = clock;
    }

    /**
     * A request as received.
     *
     * @param rawPath the path still percent-encoded, exactly as on the request line
     * @param rawQuery the query string as received, without {@code ?}; may be null
     * @param headers header values by lower-case name, each header line one value
     */
    record Incoming(String method, String rawPath, String rawQuery, Map<String, List<String>> headers, byte[] body) {
        List<String> header(String name) {
            return headers.getOrDefault(name, List.of());
        }
    }

    /** @return the credential the request was signed with; @throws ProxyRejected UnauthorizedClient otherwise */
    AccessKey verify(Incoming request) {
        Authorization auth = Authorization.parse(request.header("authorization"));
        Instant signedAt = signingTime(request, auth);
        AccessKey key = credentials.find(auth.accessKeyId())
                .orElseThrow(() -> unauthorized("The security token included in the request is invalid: "
                        + "unknown access key ID " + auth.accessKeyId()));

        SdkHttpRequest unsigned = rebuild(request, auth);
        byte[] body = request.body() == null ? new byte[0] : request.body();
        String bodyHash = HexFormat.of().formatHex(sha256(body));
        boolean contentHashSigned = auth.signedHeaders().contains(CONTENT_SHA256);
        if (contentHashSigned && !bodyHash.equals(single(request, CONTENT_SHA256))) {
            throw unauthorized("The x-amz-content-sha256 header does not match the SHA-256 of the request body; "
                    + "the body must be signed (UNSIGNED-PAYLOAD and streaming payloads are not supported)");
        }

        AwsCredentialsIdentity identity = AwsCredentialsIdentity.create(key.accessKeyId(), key.secretAccessKey());
        Clock signingClock = Clock.fixed(signedAt, ZoneOffset.UTC);
        String expected = contentHashSigned
                ? signWithHttpSigner(unsigned, body, identity, auth, signingClock)
                : signWithRequestSigner(unsigned, bodyHash, identity, auth, signingClock);

        if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                auth.signature().getBytes(StandardCharsets.US_ASCII))) {
            throw unauthorized("The request signature we calculated does not match the signature you provided. "
                    + "Check your AWS Secret Access Key and signing method.");
        }
        return key;
    }

    private String signWithHttpSigner(SdkHttpRequest unsigned, byte[] body, AwsCredentialsIdentity identity,
                                      Authorization auth, Clock signingClock) {
        SignedRequest signed = signer.sign(r -> r.identity(identity)
                .request(unsigned)
                .payload(ContentStreamProvider.fromByteArrayUnsafe(body))
                .putProperty(AwsV4HttpSigner.REGION_NAME, auth.region())
                .putProperty(AwsV4FamilyHttpSigner.SERVICE_SIGNING_NAME, auth.service())
                .putProperty(HttpSigner.SIGNING_CLOCK, signingClock)
                .putProperty(AwsV4FamilyHttpSigner.DOUBLE_URL_ENCODE, true)
                .putProperty(AwsV4FamilyHttpSigner.NORMALIZE_PATH, true)
                .putProperty(AwsV4FamilyHttpSigner.PAYLOAD_SIGNING_ENABLED, true));
        String authorization = signed.request().firstMatchingHeader("Authorization").orElse("");
        return Authorization.parse(List.of(authorization)).signature();
    }

    private static String signWithRequestSigner(SdkHttpRequest unsigned, String bodyHash,
                                                AwsCredentialsIdentity identity, Authorization auth,
                                                Clock signingClock) {
        V4Properties properties = V4Properties.builder()
                .credentials(identity)
                .credentialScope(new CredentialScope(auth.region(), auth.service(), signingClock.instant()))
                .signingClock(signingClock)
                .doubleUrlEncode(true)
                .normalizePath(true)
                .build();
        return V4RequestSigner.create(properties, bodyHash).sign(unsigned.toBuilder()).getSignature();
    }

    private Instant signingTime(Incoming request, Authorization auth) {
        if (!auth.service().equals(serviceName)) {
            throw unauthorized("Credential should be scoped to correct service: '" + serviceName + "', not '"
                    + auth.service() + "'");
        }
        String amzDate = single(request, AMZ_DATE);
        if (amzDate == null) {
            throw unauthorized("The X-Amz-Date header is required (format yyyyMMdd'T'HHmmss'Z')");
        }
        Instant signedAt;
        try {
            signedAt = LocalDateTime.parse(amzDate, AMZ_DATE_FORMAT).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw unauthorized("Invalid X-Amz-Date '" + amzDate + "': expected the format yyyyMMdd'T'HHmmss'Z'");
        }
        if (!amzDate.startsWith(auth.date())) {
            throw unauthorized("Credential should be scoped to a valid date: the scope's date " + auth.date()
                    + " is not the date of X-Amz-Date " + amzDate);
        }
        Instant now = clock.instant();
        if (signedAt.isBefore(now.minus(MAX_CLOCK_SKEW))) {
            throw unauthorized("Signature expired: " + amzDate + " is now earlier than "
                    + AMZ_DATE_FORMAT.format(now.minus(MAX_CLOCK_SKEW))
                    + " (" + AMZ_DATE_FORMAT.format(now) + " - 15 min.)");
        }
        if (signedAt.isAfter(now.plus(MAX_CLOCK_SKEW))) {
            throw unauthorized("Signature not yet current: " + amzDate + " is still later than "
                    + AMZ_DATE_FORMAT.format(now.plus(MAX_CLOCK_SKEW))
                    + " (" + AMZ_DATE_FORMAT.format(now) + " + 15 min.)");
        }
        return signedAt;
    }

    /** The request with only what the client signed: method, raw path, query, signed headers. */
    private static SdkHttpRequest rebuild(Incoming request, Authorization auth) {
        SdkHttpMethod method;
        try {
            method = SdkHttpMethod.fromValue(request.method());
        } catch (IllegalArgumentException e) {
            throw AwsErrors.unknownOperation(request.method(), request.rawPath());
        }
        SdkHttpRequest.Builder builder = SdkHttpRequest.builder()
                .method(method)
                // Protocol and host only satisfy the builder: the canonical request takes the host from the
                // signed Host header, as received (the edge proxy preserves it).
                .protocol("http")
                .host("localhost")
                .encodedPath(request.rawPath());
        QueryStrings.parse(request.rawQuery()).forEach(builder::putRawQueryParameter);
        for (String name : auth.signedHeaders()) {
            List<String> values = request.header(name);
            if (values.isEmpty()) {
                throw unauthorized("The signed header '" + name + "' is not present in the request");
            }
            builder.putHeader(name, values);
        }
        return builder.build();
    }

    private static String single(Incoming request, String header) {
        List<String> values = request.header(header);
        if (values.size() > 1) {
            throw unauthorized("The " + header + " header must appear only once");
        }
        return values.isEmpty() ? null : values.get(0).strip();
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is a required JDK algorithm", e);
        }
    }

    static ProxyRejected unauthorized(String message) {
        return new ProxyRejected(AwsErrorCode.UNAUTHORIZED_CLIENT, message);
    }

    /** The parsed Authorization header; the credential scope is AKID/date/region/service/aws4_request. */
    record Authorization(String accessKeyId, String date, String region, String service, List<String> signedHeaders,
                         String signature) {

        static Authorization parse(List<String> headers) {
            if (headers.isEmpty() || headers.get(0).isBlank()) {
                throw unauthorized("Missing Authentication Token: "
                        + "the request must be signed with AWS Signature Version 4 "
                        + "(Authorization: " + ALGORITHM + " Credential=..., SignedHeaders=..., Signature=...)");
            }
            if (headers.size() > 1) {
                throw unauthorized("The Authorization header must appear only once");
            }
            String header = headers.get(0).strip();
            if (!header.startsWith(ALGORITHM + " ")) {
                throw unauthorized("Unsupported Authorization header: only " + ALGORITHM
                        + " (AWS Signature Version 4) is accepted");
            }
            Map<String, String> parts = new LinkedHashMap<>();
            for (String part : header.substring(ALGORITHM.length()).split(",")) {
                int eq = part.indexOf('=');
                if (eq < 0) {
                    throw malformed("'" + part.strip() + "' is not a key=value pair");
                }
                parts.put(part.substring(0, eq).strip(), part.substring(eq + 1).strip());
            }
            List<String> missing = new ArrayList<>();
            for (String required : List.of("Credential", "SignedHeaders", "Signature")) {
                if (!parts.containsKey(required) || parts.get(required).isEmpty()) {
                    missing.add(required);
                }
            }
            if (!missing.isEmpty()) {
                throw malformed("it requires the parameter(s) " + String.join(", ", missing));
            }

            String[] scope = parts.get("Credential").split("/", -1);
            if (scope.length != 5 || scope[0].isEmpty()) {
                throw malformed("Credential must be <access key id>/<yyyyMMdd>/<region>/<service>/aws4_request");
            }
            if (!scope[4].equals("aws4_request")) {
                throw unauthorized("Credential should be scoped with a valid terminator: 'aws4_request', not '"
                        + scope[4] + "'");
            }
            if (!SCOPE_DATE.matcher(scope[1]).matches()) {
                throw malformed("the credential scope's date '" + scope[1] + "' is not yyyyMMdd");
            }
            if (!REGION.matcher(scope[2]).matches()) {
                throw malformed("the credential scope's region '" + scope[2] + "' is not a region name");
            }

            List<String> signedHeaders = List.of(parts.get("SignedHeaders").split(";", -1));
            for (String name : signedHeaders) {
                if (!HEADER_NAME.matcher(name).matches()) {
                    throw malformed("SignedHeaders must be lower-case header names separated by ';'");
                }
            }
            if (!signedHeaders.contains("host")) {
                throw unauthorized("'Host' must be a SignedHeader in the AWS Authorization");
            }
            String signature = parts.get("Signature");
            if (!SIGNATURE.matcher(signature).matches()) {
                throw malformed("Signature must be 64 lower-case hex digits");
            }
            return new Authorization(scope[0], scope[1], scope[2], scope[3], signedHeaders, signature);
        }

        private static ProxyRejected malformed(String detail) {
            return unauthorized("Malformed Authorization header: " + detail);
        }
    }
}
