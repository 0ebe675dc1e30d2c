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

/**
 * Tomcat's error report, in the AWS error shape instead of HTML. It answers what the container
 * refuses before Spring sees the request (an encoded slash in the path, a malformed request line,
 * headers too large); everything that reaches the application is answered there.
 */
public final class AwsErrorReportValve extends ErrorReportValve {

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
            if (error.code().httpStatus() != status) {
                response.setStatus(error.code().httpStatus());
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
        if (throwable != null) {
            return AwsErrors.map(throwable, request);
        }
        AwsErrorCode code = AwsErrors.forStatus(status);
        return switch (code) {
            case NOT_FOUND -> AwsErrors.unknownOperation(request.getMethod(), request.getRequestURI());
            case SERVICE_FAILURE -> AwsErrors.serviceFailure(request);
            default -> new ProxyRejected(code, AwsErrors.genericMessage(code));
        };
    }
}
