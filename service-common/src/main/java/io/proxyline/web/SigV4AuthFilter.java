package io.proxyline.web;

import io.proxyline.api.wire.Caller;
import io.proxyline.api.wire.ProxyRejected;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates every request by its AWS Signature Version 4, except three unsigned GETs:
 * {@code <actuator>/health} (and its sub-paths, such as {@code /readiness}), which load balancers
 * and orchestrators call; {@code <actuator>/prometheus}, which Prometheus scrapes (it cannot sign
 * SigV4; the edge does not pass it on, see docs/design.md, "Operations"); and the OpenAPI document
 * of Proxyline's own endpoints ({@code /v3/api-docs}, also {@code .yaml}). And the routing hook
 * ({@code POST /voice-connectors/{id}/proxy-interactions}), which also accepts a hook credential as
 * HTTP Basic ({@link HookCredentials}) — on that path only. Reads the body in full first (the
 * signature covers it), refusing more than {@link CachedBodyRequest#MAX_BODY_BYTES} with a
 * 413 BadRequest; passes the request on with the body cached and the verified {@link Caller} in the
 * {@link Callers#ATTRIBUTE} attribute. Any failure is a 401 UnauthorizedClientException in the AWS
 * shape, written here.
 */
public final class SigV4AuthFilter extends OncePerRequestFilter {
    private static final Logger log = LoggerFactory.getLogger(SigV4AuthFilter.class);

    private final SigV4Verifier verifier;
    private final HookCredentials hooks;
    private final Pattern publicPath;

    SigV4AuthFilter(SigV4Verifier verifier, HookCredentials hooks, String actuatorBasePath, String apiDocsPath) {
        this.verifier = verifier;
        this.hooks = hooks;
        String base = actuatorBasePath.endsWith("/") ? actuatorBasePath.substring(0, actuatorBasePath.length() - 1)
                : actuatorBasePath;
        // Matched on the raw URI, so no dot segment, escape or path parameter can reach another endpoint.
        this.publicPath = Pattern.compile(Pattern.quote(base + "/health") + "(/[A-Za-z0-9_-]+)*/?"
                + "|" + Pattern.quote(base + "/prometheus")
                + "|" + Pattern.quote(apiDocsPath) + "(\\.yaml)?");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (isPublic(request)) {
            chain.doFilter(request, response);
            return;
        }
        byte[] body;
        try {
            body = CachedBodyRequest.readLimited(request);
        } catch (CachedBodyRequest.BodyTooLargeException e) {
            AwsErrors.write(e.toRejected(), request, response);
            return;
        }
        String accountId;
        String keyId;
        try {
            String authorization = request.getHeader("Authorization");
            String path = request.getRequestURI().substring(request.getContextPath().length());
            if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)
                    && HookCredentials.isHookCall(request.getMethod(), path)) {
                HookCredential hook = hooks.authenticate(authorization);
                accountId = hook.accountId();
                keyId = hook.keyId();
            } else {
                AccessKey key = verifier.verify(new SigV4Verifier.Incoming(request.getMethod(),
                        request.getRequestURI(), request.getQueryString(), headers(request), body));
                accountId = key.accountId();
                keyId = key.accessKeyId();
            }
        } catch (ProxyRejected rejected) {
            log.info("Refused {} {}: {}", request.getMethod(), request.getRequestURI(), rejected.getMessage());
            AwsErrors.write(rejected, request, response);
            return;
        }
        request.setAttribute(Callers.ATTRIBUTE, new Caller(accountId, keyId, RequestIdFilter.requestId(request)));
        MDC.put(Caller.ACCOUNT, accountId);
        try {
            chain.doFilter(new CachedBodyRequest(request, body), response);
        } finally {
            MDC.remove(Caller.ACCOUNT);
        }
    }

    private boolean isPublic(HttpServletRequest request) {
        if (!"GET".equals(request.getMethod())) {
            return false;
        }
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return publicPath.matcher(path).matches();
    }

    private static Map<String, List<String>> headers(HttpServletRequest request) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (String name : Collections.list(request.getHeaderNames())) {
            // Header names are case-insensitive: one entry per name, with every line of that header.
            headers.putIfAbsent(name.toLowerCase(Locale.ROOT), Collections.list(request.getHeaders(name)));
        }
        return headers;
    }
}
