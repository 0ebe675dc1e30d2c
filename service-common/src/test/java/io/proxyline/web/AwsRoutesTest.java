package io.proxyline.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AwsRoutesTest {
    private final AwsRoutes routes = AwsRoutes.of(AwsModel.load());

    @Test
    void aPathHasTheMethodsOfEveryOperationOnIt() {
        assertThat(routes.methodsFor("/voice-connectors")).containsExactly("GET", "POST");
        // Get, Delete, and the two operations selected by ?operation=.
        assertThat(routes.methodsFor("/voice-connectors/vc-1")).containsExactly("DELETE", "GET", "POST");
        assertThat(routes.methodsFor("/voice-connectors/vc-1/programmable-numbers/proxy"))
                .containsExactly("DELETE", "GET", "PUT");
        assertThat(routes.methodsFor("/phone-numbers/%2B12065550100")).containsExactly("DELETE", "GET");
    }

    @Test
    void aLabelIsOneNonEmptySegment() {
        assertThat(routes.methodsFor("/voice-connectors//proxy-sessions")).isEmpty();
        assertThat(routes.methodsFor("/voice-connectors/a/b/proxy-sessions")).isEmpty();
        assertThat(routes.methodsFor("/voice-connectors/")).isEmpty();
    }

    @Test
    void pathsNoOperationHasHaveNoMethods() {
        assertThat(routes.methodsFor("/nope")).isEmpty();
        assertThat(routes.methodsFor("/actuator/health")).isEmpty();
        assertThat(routes.methodsFor("/error")).isEmpty();
    }

    @Test
    void templateLiteralsAreNotRegexes() {
        assertThat(AwsRoutes.pathPattern("/a.b/{x}").matcher("/aXb/1").matches()).isFalse();
        assertThat(AwsRoutes.pathPattern("/a.b/{x}").matcher("/a.b/1").matches()).isTrue();
        assertThat(AwsRoutes.pathPattern("/files/{key+}").matcher("/files/a/b").matches()).isTrue();
    }

    @Test
    void aRequestIsNamedByItsOperationForTheMetrics() {
        assertThat(routes.operationFor("POST", "/voice-connectors/vc-1/proxy-sessions", null))
                .isEqualTo("CreateProxySession");
        assertThat(routes.operationFor("POST", "/voice-connectors/vc-1", "operation=associate-phone-numbers"))
                .isEqualTo("AssociatePhoneNumbersWithVoiceConnector");
        assertThat(routes.operationFor("POST", "/voice-connectors/vc-1", "x=1&operation=disassociate-phone-numbers"))
                .isEqualTo("DisassociatePhoneNumbersFromVoiceConnector");
        assertThat(routes.operationFor("GET", "/voice-connectors/vc-1/proxy-sessions/s-1", "at=2026-01-01T00:00:00Z"))
                .isEqualTo("GetProxySession");
        assertThat(routes.operationFor("POST", "/voice-connectors/vc-1", null)).isNull();
        assertThat(routes.operationFor("PATCH", "/voice-connectors/vc-1/proxy-sessions", null)).isNull();
        assertThat(routes.operationFor("GET", "/actuator/prometheus", null)).isNull();
    }
}
