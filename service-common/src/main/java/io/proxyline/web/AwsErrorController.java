package io.proxyline.web;

import io.proxyline.api.wire.AwsErrorCode;
import io.proxyline.api.wire.ProxyRejected;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Replaces Spring Boot's error page (and its whitelabel HTML) at {@code server.error.path}: whatever
 * the servlet container forwards there, an exception or a bare status, is answered in the AWS error
 * shape. A client requesting the path directly gets the unknown-operation answer.
 */
@RestController
public class AwsErrorController implements ErrorController {

    @RequestMapping("${server.error.path:${error.path:/error}}")
    public ResponseEntity<byte[]> error(HttpServletRequest request) {
        return AwsErrors.entity(describe(request), request);
    }

    private static ProxyRejected describe(HttpServletRequest request) {
        if (request.getAttribute(RequestDispatcher.ERROR_EXCEPTION) instanceof Throwable failure) {
            return AwsErrors.map(failure, request);
        }
        Object status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        String method = request.getMethod();
        String path = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI) instanceof String uri
                ? uri : request.getRequestURI();
        if (!(status instanceof Integer code)) {
            return AwsErrors.unknownOperation(method, path);
        }
        AwsErrorCode error = AwsErrors.forStatus(code);
        return switch (error) {
            case NOT_FOUND -> AwsErrors.unknownOperation(method, path);
            case SERVICE_FAILURE -> AwsErrors.serviceFailure(request);
            default -> new ProxyRejected(error, AwsErrors.genericMessage(error));
        };
    }
}
