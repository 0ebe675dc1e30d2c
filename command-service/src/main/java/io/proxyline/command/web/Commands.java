package io.proxyline.command.web;

import io.proxyline.api.wire.Caller;
import io.proxyline.api.wire.WriteAdmission;
import java.util.Map;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/** Sends a command on behalf of a verified caller, so its events record who asked and why. */
@Component
public class Commands {
    private final CommandGateway gateway;
    private final ObjectProvider<WriteAdmission> admission;

    Commands(CommandGateway gateway, ObjectProvider<WriteAdmission> admission) {
        this.gateway = gateway;
        this.admission = admission;
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
        return gateway.sendAndWait(GenericCommandMessage.asCommandMessage(command).withMetaData(Map.of(
                Caller.ACCOUNT, caller.accountId(),
                Caller.ACCESS_KEY, caller.accessKeyId(),
                Caller.REQUEST_ID, caller.requestId())));
    }
}
