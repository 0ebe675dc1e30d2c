package io.proxyline.store;

import java.sql.SQLIntegrityConstraintViolationException;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;

/**
 * Tells Axon that an append lost a race (two writers, one aggregate sequence number), so it
 * raises a ConcurrencyException, which is retried, instead of a generic storage failure.
 */
/** For the JDBC engine on H2 (the Mongo engine brings its own). */
final class DuplicateKeyResolver implements PersistenceExceptionResolver {
    @Override
    public boolean isDuplicateKeyViolation(Exception exception) {
        for (Throwable t = exception; t != null; t = t.getCause()) {
            if (t instanceof SQLIntegrityConstraintViolationException) return true;
            if (t.getCause() == t) break;
        }
        return false;
    }
}
