package io.proxyline.command.web;

import io.proxyline.api.wire.Caller;
import java.util.Map;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.stereotype.Component;

/** Sends a command on behalf of a verified caller, so its events record who asked and why. */
@Component
public class Commands {
    private final CommandGateway gateway;

    Commands(CommandGateway gateway) {
        this.gateway = gateway;
    }

    public <R> R send(Caller caller, Object command) {
        return gateway.sendAndWait(GenericCommandMessage.asCommandMessage(command).withMetaData(Map.of(
                Caller.ACCOUNT, caller.accountId(),
                Caller.ACCESS_KEY, caller.accessKeyId(),
                Caller.REQUEST_ID, caller.requestId())));
    }
}
