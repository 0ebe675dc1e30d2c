package io.proxyline.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.MongoSocketOpenException;
import com.mongodb.MongoTimeoutException;
import com.mongodb.ServerAddress;
import io.proxyline.api.wire.AwsErrorCode;
import io.proxyline.api.wire.ProxyRejected;
import java.io.IOException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.common.AxonTransientException;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.mock.http.MockHttpInputMessage;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.servlet.NoHandlerFoundException;

class AwsErrorsTest {
    private final MockHttpServletRequest request = new MockHttpServletRequest("POST", "/voice-connectors/vc-1/proxy-sessions");
    private final ProxyRejected conflict = ProxyRejected.conflict("voice connector vc-1 still has phone numbers");

    private ProxyRejected map(Throwable failure) {
        return AwsErrors.map(failure, request);
    }

    @Test
    void aRejectionIsUnwrappedFromAxonAndFutureWrappers() {
        assertThat(map(conflict)).isSameAs(conflict);
        assertThat(map(new CompletionException(conflict))).isSameAs(conflict);
        assertThat(map(new ExecutionException(new CompletionException(conflict)))).isSameAs(conflict);
        assertThat(map(new CommandExecutionException("failed", conflict))).isSameAs(conflict);
        assertThat(map(new IllegalStateException(new RuntimeException(conflict)))).isSameAs(conflict);
    }

    @Test
    void aRejectionCarriedAsCommandExecutionDetailsIsUnwrapped() {
        assertThat(map(new CommandExecutionException("remote failure", null, conflict))).isSameAs(conflict);
    }

    @Test
    void concurrencyThatEscapedRetriesAsksTheClientToRetry() {
        ProxyRejected mapped = map(new CommandExecutionException("failed", new ConcurrencyException("seq 3 taken")));

        assertThat(mapped.code()).isEqualTo(AwsErrorCode.SERVICE_UNAVAILABLE);
        assertThat(mapped.getMessage()).contains("please retry");
        assertThat(map(new AggregateStreamCreationException("seq 0 taken")).code()).isEqualTo(AwsErrorCode.SERVICE_UNAVAILABLE);
    }

    @Test
    void aMissingAggregateIsNotFound() {
        assertThat(map(new AggregateNotFoundException("vc-1", "not found")).code()).isEqualTo(AwsErrorCode.NOT_FOUND);
    }

    @Test
    void anUnavailableStoreIsServiceUnavailable() {
        assertThat(map(new EventStoreException("append failed", new MongoTimeoutException("no primary"))).code())
                .isEqualTo(AwsErrorCode.SERVICE_UNAVAILABLE);
        assertThat(map(new MongoSocketOpenException("connection refused", new ServerAddress())).code())
                .isEqualTo(AwsErrorCode.SERVICE_UNAVAILABLE);
        assertThat(map(new AxonTransientException("event store busy") {}).code()).isEqualTo(AwsErrorCode.SERVICE_UNAVAILABLE);
    }

    @Test
    void unreadableBodiesAndUnsupportedMediaTypesAreBadRequests() {
        assertThat(map(new HttpMediaTypeNotSupportedException("text/plain")).code()).isEqualTo(AwsErrorCode.BAD_REQUEST);
        assertThat(map(new HttpMessageNotReadableException("bad", new MockHttpInputMessage(new byte[0]))).code())
                .isEqualTo(AwsErrorCode.BAD_REQUEST);
    }

    @Test
    void unknownPathsAndMethodsAreUnknownOperations() {
        ProxyRejected path = map(new NoHandlerFoundException("POST", "/voice-connectors/vc-1/proxy-sessions", new HttpHeaders()));
        ProxyRejected method = map(new HttpRequestMethodNotSupportedException("PATCH"));

        assertThat(path.code()).isEqualTo(AwsErrorCode.NOT_FOUND);
        assertThat(path.getMessage()).isEqualTo("Unknown operation: POST /voice-connectors/vc-1/proxy-sessions");
        assertThat(method.getMessage()).isEqualTo(path.getMessage());
    }

    @Test
    void anythingElseIsAGenericServiceFailureWithoutInternals() {
        request.setAttribute(RequestIdFilter.ATTRIBUTE, "req-1");

        ProxyRejected mapped = map(new IllegalStateException("secret internal detail", new IOException("disk")));

        assertThat(mapped.code()).isEqualTo(AwsErrorCode.SERVICE_FAILURE);
        assertThat(mapped.getMessage()).isEqualTo("The service encountered an internal error. Request ID: req-1")
                .doesNotContain("secret", "IllegalState");
    }

    @Test
    void writesTheAwsErrorShape() throws IOException {
        request.setAttribute(RequestIdFilter.ATTRIBUTE, "req-2");
        MockHttpServletResponse response = new MockHttpServletResponse();

        AwsErrors.write(conflict, request, response);

        assertThat(response.getStatus()).isEqualTo(409);
        assertThat(response.getHeader("x-amzn-ErrorType")).isEqualTo("ConflictException");
        assertThat(response.getHeader("x-amzn-RequestId")).isEqualTo("req-2");
        assertThat(response.getContentType()).startsWith("application/json");
        JsonNode body = new ObjectMapper().readTree(response.getContentAsByteArray());
        assertThat(body.get("Code").asText()).isEqualTo("Conflict");
        assertThat(body.get("Message").asText()).isEqualTo("voice connector vc-1 still has phone numbers");
        assertThat(body.size()).isEqualTo(2);
    }

    @Test
    void containerStatusesMapToAwsCodes() {
        assertThat(AwsErrors.forStatus(405)).isEqualTo(AwsErrorCode.NOT_FOUND);
        assertThat(AwsErrors.forStatus(413)).isEqualTo(AwsErrorCode.BAD_REQUEST);
        assertThat(AwsErrors.forStatus(418)).isEqualTo(AwsErrorCode.BAD_REQUEST);
        assertThat(AwsErrors.forStatus(502)).isEqualTo(AwsErrorCode.SERVICE_FAILURE);
    }
}
