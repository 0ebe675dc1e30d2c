package io.proxyline.query.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.proxyline.api.wire.AwsErrorCode;
import io.proxyline.api.wire.Caller;
import io.proxyline.api.wire.ProxyRejected;
import io.proxyline.web.Callers;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

class OperatorAccessTest {
    private static final String OPERATOR_ACCOUNT = "999988887777";
    private static final Caller OPERATOR = new Caller(OPERATOR_ACCOUNT, "AKIAOPERATOR00000001", "request-1");
    private static final Caller TENANT = new Caller("111122223333", "AKIAPROXYLINETEST001", "request-2");

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withUserConfiguration(AdminConfiguration.class);

    @AfterEach
    void clearRequest() {
        RequestContextHolder.resetRequestAttributes();
    }

    private static void currentRequestFrom(Caller caller) {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/actuator/projections/proxy-sessions");
        if (caller != null) {
            request.setAttribute(Callers.ATTRIBUTE, caller);
        }
        RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(request));
    }

    private static void assertDenied(OperatorAccess access) {
        assertThatThrownBy(() -> access.requireOperator("replay projection proxy-sessions"))
                .isInstanceOfSatisfying(ProxyRejected.class,
                        rejected -> assertThat(rejected.code()).isEqualTo(AwsErrorCode.ACCESS_DENIED));
    }

    @Test
    void operatorAccountIsLetThrough() {
        currentRequestFrom(OPERATOR);

        assertThat(new OperatorAccess(List.of(OPERATOR_ACCOUNT)).requireOperator("list projections")).isEqualTo(OPERATOR);
    }

    @Test
    void otherAccountsAreDenied() {
        currentRequestFrom(TENANT);

        assertDenied(new OperatorAccess(List.of(OPERATOR_ACCOUNT)));
    }

    @Test
    void noOperatorsConfiguredMeansNobody() {
        currentRequestFrom(OPERATOR);

        assertDenied(new OperatorAccess(List.of()));
    }

    @Test
    void requestWithoutAVerifiedCallerIsDenied() {
        currentRequestFrom(null);

        assertDenied(new OperatorAccess(List.of(OPERATOR_ACCOUNT)));
    }

    @Test
    void callOutsideAnyRequestIsDenied() {
        assertDenied(new OperatorAccess(List.of(OPERATOR_ACCOUNT)));
    }

    @Test
    void operatorAccountsDefaultToNone() {
        context.run(ctx -> assertThat(ctx.getBean(AdminProperties.class).accountIds()).isEmpty());
    }

    @Test
    void operatorAccountsAreConfigurable() {
        context.withPropertyValues("proxyline.admin.account-ids=999988887777,111122223333").run(ctx ->
                assertThat(ctx.getBean(AdminProperties.class).accountIds())
                        .containsExactly("999988887777", "111122223333"));
    }

    @Test
    void malformedOperatorAccountStopsStartUp() {
        context.withPropertyValues("proxyline.admin.account-ids=operators").run(ctx ->
                assertThat(ctx).getFailure().hasRootCauseInstanceOf(IllegalArgumentException.class)
                        .hasStackTraceContaining("proxyline.admin.account-ids"));
    }
}
