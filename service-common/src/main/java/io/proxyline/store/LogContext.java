package io.proxyline.store;

import io.proxyline.api.wire.Caller;
import java.util.List;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.slf4j.MDC;

/**
 * Puts the request id and account a message carries in its metadata (stamped by the web layer and
 * copied onto every event by the correlation data provider) into the logging MDC while the message
 * is handled, so what a command handler on a group-commit writer thread, or a projection, logs
 * carries the {@code x-amzn-RequestId} of the request that caused it, as the request thread's
 * lines do. What was in the MDC before is put back afterwards.
 */
final class LogContext<T extends Message<?>> implements MessageHandlerInterceptor<T> {
    private static final List<String> KEYS = List.of(Caller.REQUEST_ID, Caller.ACCOUNT);

    @Override
    public Object handle(UnitOfWork<? extends T> unitOfWork, InterceptorChain chain) throws Exception {
        MetaData metaData = unitOfWork.getMessage().getMetaData();
        String[] before = new String[KEYS.size()];
        for (int i = 0; i < KEYS.size(); i++) {
            String key = KEYS.get(i);
            before[i] = MDC.get(key);
            Object value = metaData.get(key);
            if (value != null) MDC.put(key, value.toString());
        }
        try {
            return chain.proceed();
        } finally {
            for (int i = 0; i < KEYS.size(); i++) {
                if (before[i] == null) MDC.remove(KEYS.get(i));
                else MDC.put(KEYS.get(i), before[i]);
            }
        }
    }
}
