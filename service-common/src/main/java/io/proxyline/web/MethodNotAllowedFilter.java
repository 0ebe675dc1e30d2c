package io.proxyline.web;

import io.proxyline.api.wire.AwsErrorCode;
import io.proxyline.api.wire.ProxyRejected;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.SortedSet;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Answers a method the service model does not define for a path it knows (PATCH, OPTIONS, TRACE,
 * an invented one, or a real one the path has no operation for) with 405 and an {@code Allow} header
 * listing the model's methods there, a BadRequest in the AWS shape. Runs before authentication: no
 * signature can make such a request an operation, no SigV4 signer signs an invented method, and the
 * paths and methods are the public service model's. HEAD is served wherever GET is (the GET answer
 * without its body). Paths the model does not know pass on, to end as the unknown-operation 404;
 * TRACE ends here on every path, because the servlet's own TRACE would echo the request back (the
 * connector lets TRACE through only so that it gets this answer, see ProxylineWebAutoConfiguration).
 */
public final class MethodNotAllowedFilter extends OncePerRequestFilter {
    private static final int MAX_SHOWN = 256;

    private final AwsRoutes routes;

    public MethodNotAllowedFilter(AwsRoutes routes) {
        this.routes = routes;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        String method = request.getMethod();
        SortedSet<String> allowed = routes.methodsFor(path);
        if (allowed.isEmpty() && "TRACE".equals(method)) {
            AwsErrors.write(AwsErrors.unknownOperation(request), request, response);
            return;
        }
        if (allowed.isEmpty() || allowed.contains(method) || ("HEAD".equals(method) && allowed.contains("GET"))) {
            chain.doFilter(request, response);
            return;
        }
        String allow = String.join(", ", allowed);
        response.setHeader("Allow", allow);
        AwsErrors.write(new ProxyRejected(AwsErrorCode.BAD_REQUEST, 405, "Method " + shown(method)
                + " is not allowed on " + shown(path) + ": its operations use " + allow), request, response);
    }

    private static String shown(String text) {
        return text.length() <= MAX_SHOWN ? text : text.substring(0, MAX_SHOWN) + "...";
    }
}
