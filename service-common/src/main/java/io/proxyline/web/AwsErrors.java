package io.proxyline.web;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.mongodb.MongoException;
import com.mongodb.MongoNodeIsRecoveringException;
import com.mongodb.MongoNotPrimaryException;
import com.mongodb.MongoSocketException;
import com.mongodb.MongoTimeoutException;
import io.proxyline.api.wire.AwsErrorCode;
import io.proxyline.api.wire.ProxyRejected;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import org.axonframework.common.AxonTransientException;
import org.axonframework.messaging.HandlerExecutionException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.ServletRequestBindingException;
import org.springframework.web.bind.UnsatisfiedServletRequestParameterException;
import org.springframework.web.context.request.async.AsyncRequestTimeoutException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * The one place that turns a failure into the AWS error shape: HTTP status of the error code,
 * {@code x-amzn-ErrorType: <Code>Exception}, {@code x-amzn-RequestId}, and the JSON body
 * {@code {"Code":"<Code>","Message":"…"}}. Used by the controller advice, the error controller and
 * the filters, so a response looks the same wherever the failure happened. Internal details never
 * reach the wire: unexpected failures are logged with their stack trace and answered with a
 * generic ServiceFailure.
 */
public final class AwsErrors {
    public static final String ERROR_TYPE_HEADER = "x-amzn-ErrorType";

    private static final Logger log = LoggerFactory.getLogger(AwsErrors.class);
    private static final JsonFactory JSON = new JsonFactory();
    private static final int MAX_PATH_IN_MESSAGE = 256;

    private AwsErrors() {}

    /**
     * Maps any failure to the AWS error it stands for. A {@link ProxyRejected} anywhere in the cause
     * chain (or in the details of an Axon {@link HandlerExecutionException}) wins; then known
     * framework and infrastructure failures; anything else is a ServiceFailure, logged here.
     */
    public static ProxyRejected map(Throwable failure, HttpServletRequest request) {
        Optional<ProxyRejected> rejected = findRejected(failure);
        if (rejected.isPresent()) {
            return refused(rejected.get(), request, rejected.get().getMessage());
        }
        for (Throwable t : chain(failure)) {
            ProxyRejected known = mapKnown(t, request);
            if (known != null) {
                return refused(known, request, t.getClass().getSimpleName() + ": " + t.getMessage());
            }
        }
        log.error("{} {} failed unexpectedly", request.getMethod(), shown(request), failure);
        return serviceFailure(request);
    }

    /**
     * One line per refusal, never a stack trace: an expected refusal (a 4xx: bad input, a rule, an
     * unknown resource) at INFO, a dependency's (a 5xx such as a store being down) at WARN. The
     * request id is in the MDC.
     */
    private static ProxyRejected refused(ProxyRejected error, HttpServletRequest request, String why) {
        if (error.httpStatus() >= 500) {
            log.warn("{} {} answered {} {}: {}", request.getMethod(), shown(request), error.httpStatus(),
                    error.code().errorType(), why);
        } else if (log.isInfoEnabled()) {
            log.info("{} {} answered {} {}: {}", request.getMethod(), shown(request), error.httpStatus(),
                    error.code().errorType(), why);
        }
        return error;
    }

    private static String shown(HttpServletRequest request) {
        String path = request.getRequestURI();
        return path != null && path.length() > MAX_PATH_IN_MESSAGE ? path.substring(0, MAX_PATH_IN_MESSAGE) + "..." : path;
    }

    /** The unknown-operation answer for a path or method Proxyline does not serve. */
    public static ProxyRejected unknownOperation(HttpServletRequest request) {
        return unknownOperation(request.getMethod(), request.getRequestURI());
    }

    static ProxyRejected unknownOperation(String method, String path) {
        String shown = path == null ? "" : path;
        if (shown.length() > MAX_PATH_IN_MESSAGE) {
            shown = shown.substring(0, MAX_PATH_IN_MESSAGE) + "...";
        }
        return ProxyRejected.notFound("Unknown operation: " + method + " " + shown);
    }

    static ProxyRejected serviceFailure(HttpServletRequest request) {
        return new ProxyRejected(AwsErrorCode.SERVICE_FAILURE,
                "The service encountered an internal error. Request ID: " + RequestIdFilter.requestId(request));
    }

    /** The error as a response entity, for handlers that return one. */
    public static ResponseEntity<byte[]> entity(ProxyRejected error, HttpServletRequest request) {
        ResponseEntity.BodyBuilder answer = ResponseEntity.status(error.httpStatus());
        // The request id filter has normally set the header already; adding it here would send it twice.
        if (!RequestIdFilter.headerSent(request)) {
            answer.header(RequestIdFilter.HEADER, RequestIdFilter.requestId(request));
        }
        return answer.header(ERROR_TYPE_HEADER, error.code().errorType())
                .contentType(MediaType.APPLICATION_JSON)
                .body(body(error));
    }

    /** Writes the error straight to the response, for filters that answer before any controller runs. */
    public static void write(ProxyRejected error, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        byte[] body = body(error);
        response.resetBuffer();
        response.setStatus(error.httpStatus());
        response.setHeader(RequestIdFilter.HEADER, RequestIdFilter.requestId(request));
        response.setHeader(ERROR_TYPE_HEADER, error.code().errorType());
        response.setHeader(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_JSON_VALUE);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
        response.flushBuffer();
    }

    static byte[] body(ProxyRejected error) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator json = JSON.createGenerator(out, JsonEncoding.UTF8)) {
            json.writeStartObject();
            json.writeStringField("Code", error.code().code());
            json.writeStringField("Message", error.getMessage() == null ? "" : error.getMessage());
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** The AWS error code for a bare HTTP status, as the servlet container reports it on an error dispatch. */
    static AwsErrorCode forStatus(int status) {
        return switch (status) {
            case 400, 411, 413, 414, 415, 431 -> AwsErrorCode.BAD_REQUEST;
            case 401 -> AwsErrorCode.UNAUTHORIZED_CLIENT;
            case 403 -> AwsErrorCode.FORBIDDEN;
            case 404, 405 -> AwsErrorCode.NOT_FOUND;
            case 409 -> AwsErrorCode.CONFLICT;
            case 429 -> AwsErrorCode.THROTTLED_CLIENT;
            case 503, 504 -> AwsErrorCode.SERVICE_UNAVAILABLE;
            default -> status >= 400 && status < 500 ? AwsErrorCode.BAD_REQUEST : AwsErrorCode.SERVICE_FAILURE;
        };
    }

    static Optional<ProxyRejected> findRejected(Throwable failure) {
        for (Throwable t : chain(failure)) {
            if (t instanceof ProxyRejected rejected) {
                return Optional.of(rejected);
            }
            // A remote command or query handler's exception travels as the details of the wrapper.
            if (t instanceof HandlerExecutionException handlerFailure
                    && handlerFailure.getDetails().orElse(null) instanceof ProxyRejected rejected) {
                return Optional.of(rejected);
            }
        }
        return Optional.empty();
    }

    private static ProxyRejected mapKnown(Throwable t, HttpServletRequest request) {
        if (t instanceof NoHandlerFoundException || t instanceof NoResourceFoundException
                || t instanceof HttpRequestMethodNotSupportedException
                || t instanceof UnsatisfiedServletRequestParameterException) {
            return unknownOperation(request);
        }
        if (t instanceof HttpMediaTypeNotSupportedException e) {
            return ProxyRejected.badRequest("Unsupported Content-Type: " + e.getContentType());
        }
        if (t instanceof HttpMessageNotReadableException) {
            return ProxyRejected.badRequest("The request body could not be read");
        }
        if (t instanceof ServletRequestBindingException || t instanceof MethodArgumentTypeMismatchException) {
            return ProxyRejected.badRequest("The request has missing or invalid parameters");
        }
        // Both mean another writer won the race on an aggregate's event sequence; a retry sees its result.
        if (t instanceof ConcurrencyException || t instanceof AggregateStreamCreationException) {
            return new ProxyRejected(AwsErrorCode.SERVICE_UNAVAILABLE,
                    "The resource was modified concurrently; please retry");
        }
        if (t instanceof AggregateNotFoundException) {
            return ProxyRejected.notFound("The requested resource does not exist");
        }
        if (t instanceof MongoTimeoutException || t instanceof MongoSocketException
                || t instanceof MongoNotPrimaryException || t instanceof MongoNodeIsRecoveringException
                || t instanceof AxonTransientException || t instanceof TransientDataAccessException
                || t instanceof DataAccessResourceFailureException) {
            return new ProxyRejected(AwsErrorCode.SERVICE_UNAVAILABLE,
                    "The service is temporarily unavailable; please retry");
        }
        if (storageFailed(t)) {
            return new ProxyRejected(AwsErrorCode.SERVICE_UNAVAILABLE,
                    "The service cannot write to its storage now (is the disk full?); please retry");
        }
        if (t instanceof AsyncRequestTimeoutException || t instanceof TimeoutException) {
            return new ProxyRejected(AwsErrorCode.SERVICE_UNAVAILABLE, "The request timed out; please retry");
        }
        if (t instanceof ErrorResponse e) {
            return fromStatus(e.getStatusCode(), request);
        }
        return null;
    }

    /**
     * The disk under the embedded stores failed a write (full), or an H2 store closed itself after
     * one: H2's MVStore closes on a failed write, the JDBC event store with "The database has been
     * closed" until its connections are renewed, the embedded read-model server with "This store is
     * closed" (which reaches the driver as a bare message).
     */
    static boolean storageFailed(Throwable t) {
        String message = String.valueOf(t.getMessage());
        if (t instanceof IOException && message.contains("No space left on device")) return true;
        if (t.getClass().getName().equals("org.h2.mvstore.MVStoreException")) return true;
        if (t instanceof SQLException sql && (sql.getErrorCode() == 90098 || sql.getErrorCode() == 90121
                // a connection-class state: e.g. Hikari's "Connection is closed" for one it just evicted
                || (sql.getSQLState() != null && sql.getSQLState().startsWith("08")))) {
            return true;
        }
        return t instanceof MongoException && (message.contains("This store is closed")
                || message.contains("No space left on device") || message.contains("MVStoreException"));
    }

    private static ProxyRejected fromStatus(HttpStatusCode status, HttpServletRequest request) {
        if (status.value() == 405) {
            return unknownOperation(request);
        }
        AwsErrorCode code = forStatus(status.value());
        // A bare 5xx says nothing the caller can use; it is logged and answered as a ServiceFailure.
        return code == AwsErrorCode.SERVICE_FAILURE ? null : new ProxyRejected(code, genericMessage(code));
    }

    static String genericMessage(AwsErrorCode code) {
        return switch (code) {
            case BAD_REQUEST -> "The request is invalid";
            case UNAUTHORIZED_CLIENT -> "The request is not authorized";
            case FORBIDDEN, ACCESS_DENIED -> "Access denied";
            case NOT_FOUND -> "The requested resource does not exist";
            case CONFLICT -> "The request conflicts with the current state of the resource";
            case THROTTLED_CLIENT -> "Rate exceeded";
            case SERVICE_UNAVAILABLE -> "The service is temporarily unavailable; please retry";
            default -> "The request failed";
        };
    }

    /** The failure and its causes, outermost first, each once (cause chains can be cyclic). */
    private static Iterable<Throwable> chain(Throwable failure) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        List<Throwable> chain = new ArrayList<>();
        for (Throwable t = failure; t != null && seen.add(t); t = t.getCause()) {
            chain.add(t);
        }
        return chain;
    }
}
