package io.proxyline.web;

import io.proxyline.api.wire.Caller;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.UUID;
import org.slf4j.MDC;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The outermost filter: gives every request a random request id, sent back as
 * {@code x-amzn-RequestId} on every response (success or error), kept in a request attribute and in
 * the SLF4J MDC as {@code requestId} while the request runs. It is also the last line of defence for
 * failures raised by the filters after it: they are answered in the AWS error shape, never by the
 * servlet container's error page.
 */
public final class RequestIdFilter extends OncePerRequestFilter {
    public static final String HEADER = "x-amzn-RequestId";
    public static final String ATTRIBUTE = RequestIdFilter.class.getName() + ".requestId";
    /** Set once this filter has put the header on the response, so no later writer adds it a second time. */
    static final String SENT = RequestIdFilter.class.getName() + ".sent";

    /** Whether {@link #HEADER} is already on the response (this filter ran for the request). */
    static boolean headerSent(HttpServletRequest request) {
        return request.getAttribute(SENT) != null;
    }

    /** The request's id; assigned here if the filter has not run (e.g. a controller test without filters). */
    public static String requestId(HttpServletRequest request) {
        if (request.getAttribute(ATTRIBUTE) instanceof String id) {
            return id;
        }
        String id = UUID.randomUUID().toString();
        request.setAttribute(ATTRIBUTE, id);
        return id;
    }

    @Override
    protected boolean shouldNotFilterAsyncDispatch() {
        // An async dispatch continues the same request on another thread, which needs the MDC too.
        return false;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String id = requestId(request);
        response.setHeader(HEADER, id);
        request.setAttribute(SENT, Boolean.TRUE);
        MDC.put(Caller.REQUEST_ID, id);
        try {
            chain.doFilter(request, response);
        } catch (IOException | ServletException | RuntimeException e) {
            if (response.isCommitted()) {
                throw e;
            }
            AwsErrors.write(AwsErrors.map(e, request), request, response);
        } finally {
            MDC.remove(Caller.REQUEST_ID);
        }
    }
}
