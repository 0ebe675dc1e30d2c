package io.proxyline.command.web;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.proxyline.api.wire.Caller;
import io.proxyline.api.wire.ProxyRejected;
import io.proxyline.api.wire.WriteAdmission;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Sends a command on behalf of a verified caller, so its events record who asked and why, and
 * measures it: {@code proxyline.commands}, the time from sending to the answer (queueing for a
 * writer, handling, the durable commit, conflict retries), tagged {@code command} (the command's
 * type, e.g. {@code CreateProxySessionCommand}) and {@code outcome}: {@code success},
 * {@code rejected} (a rule or an unknown resource: the caller's 4xx) or {@code failed}.
 */
@Component
public class Commands {
    static final String METER = "proxyline.commands";

    private final CommandGateway gateway;
    private final ObjectProvider<WriteAdmission> admission;
    private final MeterRegistry meters;
    private final Map<Class<?>, Map<String, Timer>> timers = new ConcurrentHashMap<>();

    Commands(CommandGateway gateway, ObjectProvider<WriteAdmission> admission, ObjectProvider<MeterRegistry> meters) {
        this.gateway = gateway;
        this.admission = admission;
        this.meters = meters.getIfAvailable(SimpleMeterRegistry::new);
    }

    /** The request whose writes were last admitted on this (request) thread. */
    private final ThreadLocal<String> admittedRequest = new ThreadLocal<>();

    /**
     * Sends a command for a client, unless the service sheds writes now (503, see
     * {@link WriteAdmission}). Admission is decided once per request, at its first command: a
     * request of several steps (an order of numbers, an association and its undo) is refused
     * before it starts or runs to its end, never cut in the middle.
     */
    public <R> R send(Caller caller, Object command) {
        if (caller.requestId() == null || !caller.requestId().equals(admittedRequest.get())) {
            admission.orderedStream().forEach(WriteAdmission::admit);
            admittedRequest.set(caller.requestId());
        }
        return sendUnshed(caller, command);
    }

    /**
     * Sends a routing decision, which a call or text waits on: never shed for the projections'
     * backlog (its record reaching the read models late is the lesser harm), refused only when it
     * cannot be recorded (a full disk, {@link WriteAdmission#admitRoutingDecision}).
     */
    public <R> R sendRoutingDecision(Caller caller, Object command) {
        admission.orderedStream().forEach(WriteAdmission::admitRoutingDecision);
        return sendUnshed(caller, command);
    }

    /**
     * Sends a command of a system process (the number-assignment process) that is never shed: the
     * client's request was admitted when it was recorded, and the process retries what the store
     * refuses (a full disk among it).
     */
    public <R> R sendUnshed(Caller caller, Object command) {
        long start = System.nanoTime();
        String outcome = "failed";
        try {
            R result = gateway.sendAndWait(GenericCommandMessage.asCommandMessage(command).withMetaData(Map.of(
                    Caller.ACCOUNT, caller.accountId(),
                    Caller.ACCESS_KEY, caller.accessKeyId(),
                    Caller.REQUEST_ID, caller.requestId())));
            outcome = "success";
            return result;
        } catch (ProxyRejected | AggregateNotFoundException e) {
            outcome = e instanceof ProxyRejected rejected && rejected.httpStatus() >= 500 ? "failed" : "rejected";
            throw e;
        } finally {
            timer(command.getClass(), outcome).record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        }
    }

    private Timer timer(Class<?> type, String outcome) {
        return timers.computeIfAbsent(type, t -> new ConcurrentHashMap<>()).computeIfAbsent(outcome, o ->
                Timer.builder(METER).description("a command, from sending it to its answer")
                        .tag("command", type.getSimpleName()).tag("outcome", o).register(meters));
    }
}
