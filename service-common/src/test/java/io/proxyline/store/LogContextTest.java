package io.proxyline.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.proxyline.api.wire.Caller;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/** A message's request id and account are in the MDC while it is handled, and what was there before is put back. */
class LogContextTest {

    @AfterEach
    void clear() {
        MDC.clear();
    }

    @Test
    void theMessagesRequestIdIsInTheMdcWhileItIsHandled() throws Exception {
        CommandMessage<String> command = GenericCommandMessage.<String>asCommandMessage("cmd")
                .withMetaData(Map.of(Caller.REQUEST_ID, "req-1", Caller.ACCOUNT, "111122223333"));
        AtomicReference<String> seen = new AtomicReference<>();
        AtomicReference<String> account = new AtomicReference<>();
        MDC.put(Caller.REQUEST_ID, "outer");

        DefaultUnitOfWork<CommandMessage<String>> unitOfWork = DefaultUnitOfWork.startAndGet(command);
        unitOfWork.executeWithResult(() -> new LogContext<CommandMessage<String>>().handle(unitOfWork, () -> {
            seen.set(MDC.get(Caller.REQUEST_ID));
            account.set(MDC.get(Caller.ACCOUNT));
            return null;
        }));

        assertThat(seen).hasValue("req-1");
        assertThat(account).hasValue("111122223333");
        assertThat(MDC.get(Caller.REQUEST_ID)).isEqualTo("outer");
        assertThat(MDC.get(Caller.ACCOUNT)).isNull();
    }
}
