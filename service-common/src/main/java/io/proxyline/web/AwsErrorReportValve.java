package io.proxyline.web;

import io.proxyline.api.wire.AwsErrorCode;
import io.proxyline.api.wire.ProxyRejected;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.apache.coyote.http11.AbstractHttp11Protocol;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tomcat's error report, in the AWS error shape instead of HTML. It answers what the container
 * refuses before Spring sees the request (an encoded slash in the path, a malformed request line,
 * headers too large); everything that reaches the application is answered there.
 *
 * <p>What the container refuses is the client's fault, whatever exception Tomcat used to say so: a
 * 4xx status with a container exception is answered as that status, never as a ServiceFailure.
 * A request line over Tomcat's header buffer ({@code server.max-http-request-header-size}) is a
 * 414, headers over it a 431, an unsupported HTTP version a 400; each a BadRequest in the AWS shape.
 */
public final class AwsErrorReportValve extends ErrorReportValve {
    private static final Logger log = LoggerFactory.getLogger(AwsErrorReportValve.class);

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        // As in Tomcat's own report: nothing for a success, nothing once a body is written, report once.
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        AtomicBoolean ioAllowed = new AtomicBoolean(false);
        response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
        if (!ioAllowed.get()) {
            return;
        }
        ProxyRejected error = describe(request, status, throwable);
        try {
            response.setContentType("application/json");
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            response.setHeader(RequestIdFilter.HEADER, RequestIdFilter.requestId(request));
            response.setHeader(AwsErrors.ERROR_TYPE_HEADER, error.code().errorType());
            if (error.httpStatus() != status) {
                response.setStatus(error.httpStatus());
            }
            PrintWriter writer = response.getReporter();
            if (writer != null) {
                writer.write(new String(AwsErrors.body(error), StandardCharsets.UTF_8));
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // The client is gone or the response cannot take a body any more: nothing left to tell it.
        }
    }

    private static ProxyRejected describe(Request request, int status, Throwable throwable) {
        boolean refusedByTomcat = isClientError(status) || status == 505;
        if (throwable != null && !(refusedByTomcat && AwsErrors.findRejected(throwable).isEmpty())) {
            return AwsErrors.map(throwable, request);
        }
        if (throwable != null || status == 505) {
            return refused(request, status, throwable);
        }
        AwsErrorCode code = AwsErrors.forStatus(status);
        return switch (code) {
            case NOT_FOUND -> AwsErrors.unknownOperation(request.getMethod(), request.getRequestURI());
            case SERVICE_FAILURE -> AwsErrors.serviceFailure(request);
            default -> new ProxyRejected(code, AwsErrors.genericMessage(code));
        };
    }

    private static boolean isClientError(int status) {
        return status >= 400 && status < 500;
    }

    /** A request Tomcat refused while parsing it: the status Tomcat chose, made precise where HTTP has a better one. */
    private static ProxyRejected refused(Request request, int status, Throwable throwable) {
        log.debug("Tomcat refused a request with {}: {}", status, throwable == null ? "-" : throwable.toString());
        if (throwable != null && isBufferOverflow(throwable)) {
            String limit = headerLimit(request);
            return duringRequestLine(throwable)
                    ? new ProxyRejected(AwsErrorCode.BAD_REQUEST, 414, "The request line is too long: the request"
                            + " line and headers together may be at most " + limit + " (a long query string, such as"
                            + " a next-token, is the usual cause)")
                    : new ProxyRejected(AwsErrorCode.BAD_REQUEST, 431, "The request headers are too large: the"
                            + " request line and headers together may be at most " + limit);
        }
        if (status == 505) {
            return ProxyRejected.badRequest("Unsupported HTTP version: use HTTP/1.1");
        }
        AwsErrorCode code = AwsErrors.forStatus(status);
        return new ProxyRejected(code, isClientError(status) ? status : code.httpStatus(), AwsErrors.genericMessage(code));
    }

    /** Tomcat's request-header buffer ran out: {@code Http11InputBuffer.fill} throws for nothing else. */
    private static boolean isBufferOverflow(Throwable throwable) {
        StackTraceElement[] frames = throwable.getStackTrace();
        return throwable instanceof IllegalArgumentException && frames.length > 0
                && frames[0].getClassName().equals("org.apache.coyote.http11.Http11InputBuffer")
                && frames[0].getMethodName().equals("fill");
    }

    private static boolean duringRequestLine(Throwable throwable) {
        for (StackTraceElement frame : throwable.getStackTrace()) {
            if (frame.getMethodName().equals("parseRequestLine")) {
                return true;
            }
            if (frame.getMethodName().equals("parseHeaders")) {
                return false;
            }
        }
        return false;
    }

    private static String headerLimit(Request request) {
        if (request.getConnector() != null
                && request.getConnector().getProtocolHandler() instanceof AbstractHttp11Protocol<?> http) {
            return http.getMaxHttpRequestHeaderSize() + " bytes";
        }
        return "the server's limit";
    }
}
