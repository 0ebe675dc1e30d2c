package io.proxyline.query.readmodel;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

/**
 * Batches a processor's read-model writes: opens a {@link ReadModelBatch} when a batch's first event
 * is handled and flushes it once its last event has been handled, still inside the unit of work and
 * before it commits. So the writes are in MongoDB before the processor stores its token (which it does
 * when the unit of work commits) and before it tells waiting readers it has moved on (after the
 * commit): read-after-write sees them, and a write that fails rolls the batch back to be handled again
 * from the last token, as a failing handler would.
 *
 * <p>Only units of work that hold several events (a streaming processor's batches) are batched; in
 * any other the stores write at once.
 */
public final class ReadModelBatching implements MessageHandlerInterceptor<EventMessage<?>> {

    @Override
    public Object handle(UnitOfWork<? extends EventMessage<?>> unitOfWork, InterceptorChain chain) throws Exception {
        if (!(unitOfWork instanceof BatchingUnitOfWork<? extends EventMessage<?>> batch)) {
            return chain.proceed();
        }
        if (batch.isFirstMessage()) {
            unitOfWork.resources().put(ReadModelBatch.RESOURCE, new ReadModelBatch(batch.getMessages()));
        }
        Object result = chain.proceed();
        if (batch.isLastMessage()) {
            ReadModelBatch writes = unitOfWork.getResource(ReadModelBatch.RESOURCE);
            if (writes != null) {
                writes.flush();
            }
        }
        return result;
    }
}
