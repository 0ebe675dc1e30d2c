package io.proxyline.web;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The paths of the service model's operations and the methods each one is served with, e.g.
 * {@code /voice-connectors/{voiceConnectorId}}: DELETE, GET, POST. It answers, for any path, which
 * methods the model defines there, the same on every instance whatever controllers it runs (in the
 * split deployment a service serves only some of them).
 */
public final class AwsRoutes {
    private static final Pattern LABEL = Pattern.compile("\\{([^}]+?)(\\+?)}");

    /** The request attribute naming the operation a controller read the request as (set by {@link AwsRequests}). */
    public static final String OPERATION_ATTRIBUTE = AwsRoutes.class.getName() + ".operation";

    /**
     * @param query the literal query parameter the operation's URI requires (e.g.
     *     {@code operation=associate-phone-numbers}), or null
     */
    private record Route(Pattern path, String method, String operation, String query) {}

    private final List<Route> routes;

    private AwsRoutes(List<Route> routes) {
        this.routes = routes;
    }

    public static AwsRoutes of(AwsModel model) {
        List<Route> routes = new ArrayList<>();
        for (String name : model.operationNames()) {
            AwsModel.Operation operation = model.operation(name);
            String uri = operation.requestUri();
            int q = uri.indexOf('?');
            routes.add(new Route(pathPattern(uri), operation.method(), name, q < 0 ? null : uri.substring(q + 1)));
        }
        return new AwsRoutes(Collections.unmodifiableList(routes));
    }

    /**
     * The methods the model defines for a path (raw, as on the wire, without the query string), in
     * alphabetical order; empty for a path no operation has.
     */
    public SortedSet<String> methodsFor(String rawPath) {
        SortedSet<String> methods = new TreeSet<>();
        for (Route route : routes) {
            if (route.path().matcher(rawPath).matches()) {
                methods.add(route.method());
            }
        }
        return methods;
    }

    /**
     * The operation a request is for, by its method, raw path and the literal query parameter some
     * operations require; null if none matches. Where two operations share a method and path
     * (GetProxySession and GetProxySessionAt, told apart by {@code at}), the one the model defines
     * first. Used for requests refused before a controller read them (a bad signature, throttling).
     */
    public String operationFor(String method, String rawPath, String queryString) {
        String fallback = null;
        for (Route route : routes) {
            if (!route.method().equals(method) || !route.path().matcher(rawPath).matches()) continue;
            if (route.query() == null) {
                if (fallback == null) fallback = route.operation();
            } else if (queryString != null && hasParameter(queryString, route.query())) {
                return route.operation();
            }
        }
        return fallback;
    }

    private static boolean hasParameter(String queryString, String parameter) {
        for (String part : queryString.split("&")) {
            if (part.equals(parameter)) return true;
        }
        return false;
    }

    /** A request URI template as a pattern: a label is one non-empty path segment, a greedy label ({@code +}) the rest. */
    static Pattern pathPattern(String requestUri) {
        int query = requestUri.indexOf('?');
        String path = query < 0 ? requestUri : requestUri.substring(0, query);
        StringBuilder regex = new StringBuilder();
        Matcher label = LABEL.matcher(path);
        int at = 0;
        while (label.find()) {
            regex.append(Pattern.quote(path.substring(at, label.start())));
            regex.append(label.group(2).isEmpty() ? "[^/]+" : ".+");
            at = label.end();
        }
        regex.append(Pattern.quote(path.substring(at)));
        return Pattern.compile(regex.toString());
    }
}
