package io.proxyline.web;

import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.server.observation.DefaultServerRequestObservationConvention;
import org.springframework.http.server.observation.ServerRequestObservationContext;

/**
 * Spring's {@code http.server.requests} observation with one more low-cardinality tag,
 * {@code operation}: the AWS (or Proxyline) operation the request was for, e.g.
 * {@code CreateProxySession}, so a dashboard can show rate and latency per operation rather than
 * per URI template. The name is the one the controller read the request as; for a request refused
 * before that (a bad signature, throttling, a 405) it is found from the method and path in the
 * service model; {@code none} for anything that is no operation (actuator, the OpenAPI document,
 * an unknown path). Never an id, an account or a phone number: those would make a series per value.
 */
public final class AwsOperationObservationConvention extends DefaultServerRequestObservationConvention {
    public static final String OPERATION = "operation";
    static final String NONE = "none";

    private final AwsRoutes routes;

    public AwsOperationObservationConvention(AwsRoutes routes) {
        this.routes = routes;
    }

    @Override
    public KeyValues getLowCardinalityKeyValues(ServerRequestObservationContext context) {
        return super.getLowCardinalityKeyValues(context).and(KeyValue.of(OPERATION, operation(context.getCarrier())));
    }

    String operation(HttpServletRequest request) {
        if (request.getAttribute(AwsRoutes.OPERATION_ATTRIBUTE) instanceof String read) {
            return read;
        }
        String path = request.getRequestURI().substring(request.getContextPath().length());
        String found = routes.operationFor(request.getMethod(), path, request.getQueryString());
        return found == null ? NONE : found;
    }
}
