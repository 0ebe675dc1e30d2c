package io.proxyline.query.admin;

import io.proxyline.api.wire.AwsErrorCode;
import io.proxyline.api.wire.Caller;
import io.proxyline.api.wire.ProxyRejected;
import io.proxyline.web.Callers;
import java.util.Collection;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * Lets operators through and refuses everyone else with a 403 AccessDenied. An operator is a
 * caller whose SigV4 signature the authentication filter verified and whose account is one of
 * {@code proxyline.admin.account-ids}. A request without a verified caller (one that did not pass
 * through the filter, or no request at all) is refused too: the check fails closed.
 */
final class OperatorAccess {
    private static final Logger log = LoggerFactory.getLogger(OperatorAccess.class);

    private final Set<String> operatorAccounts;

    OperatorAccess(Collection<String> operatorAccounts) {
        this.operatorAccounts = Set.copyOf(operatorAccounts);
    }

    /**
     * @param operation what the caller asked for, for the log
     * @return the caller, an operator
     * @throws ProxyRejected AccessDenied for anyone else
     */
    Caller requireOperator(String operation) {
        Caller caller = currentCaller();
        if (caller == null) {
            log.warn("Refused {}: the request has no verified caller", operation);
            throw denied();
        }
        if (!operatorAccounts.contains(caller.accountId())) {
            log.warn("Refused {} to account {} (access key {}, request {}): not an operator account",
                    operation, caller.accountId(), caller.accessKeyId(), caller.requestId());
            throw denied();
        }
        return caller;
    }

    private static Caller currentCaller() {
        RequestAttributes request = RequestContextHolder.getRequestAttributes();
        if (request == null) {
            return null;
        }
        return request.getAttribute(Callers.ATTRIBUTE, RequestAttributes.SCOPE_REQUEST) instanceof Caller caller
                ? caller
                : null;
    }

    private static ProxyRejected denied() {
        return new ProxyRejected(AwsErrorCode.ACCESS_DENIED, "Only operator accounts may manage projections");
    }
}
