package io.proxyline.web;

import io.proxyline.api.wire.Caller;
import jakarta.servlet.http.HttpServletRequest;

/** Where the authentication filter leaves the verified caller of a request. */
public final class Callers {
    public static final String ATTRIBUTE = Caller.class.getName();

    private Callers() {}

    /** The verified caller; every request that reaches a controller has one. */
    public static Caller of(HttpServletRequest request) {
        Caller caller = (Caller) request.getAttribute(ATTRIBUTE);
        if (caller == null) {
            throw new IllegalStateException("request reached a controller without a verified caller");
        }
        return caller;
    }
}
