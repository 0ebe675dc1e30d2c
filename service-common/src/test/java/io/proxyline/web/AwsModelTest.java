package io.proxyline.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class AwsModelTest {
    private final AwsModel model = AwsModel.load();

    @Test
    void successStatusIsTheModelsResponseCode() {
        assertThat(model.successStatus("CreateProxySession")).isEqualTo(201);
        assertThat(model.successStatus("UpdateProxySession")).isEqualTo(201);
        assertThat(model.successStatus("DeleteProxySession")).isEqualTo(204);
        assertThat(model.successStatus("GetProxySession")).isEqualTo(200);
        assertThat(model.successStatus("CreatePhoneNumberOrder")).isEqualTo(201);
    }

    @Test
    void successStatusDefaultsTo200WhenTheModelGivesNone() {
        assertThat(model.successStatus("GetPhoneNumber")).isEqualTo(200);
        assertThat(model.successStatus("PutVoiceConnectorProxy")).isEqualTo(200);
    }

    @Test
    void operationsCarryTheirHttpBinding() {
        AwsModel.Operation associate = model.operation("AssociatePhoneNumbersWithVoiceConnector");

        assertThat(associate.method()).isEqualTo("POST");
        assertThat(associate.requestUri()).isEqualTo("/voice-connectors/{voiceConnectorId}?operation=associate-phone-numbers");
        assertThat(model.operationNames()).hasSize(29).contains("ListProxySessions", "DeleteVoiceConnectorProxy",
                "CreateProxyInteraction", "ListProxySessionInteractions", "ListProxySessionHistory",
                "ListVoiceConnectorHistory", "GetProxySessionAt", "StreamEvents");
    }

    @Test
    void anUnknownOperationIsAProgrammingError() {
        assertThatThrownBy(() -> model.operation("CreateMeeting"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("CreateMeeting");
    }

    @Test
    void aMissingModelFailsFast() {
        assertThatThrownBy(() -> AwsModel.load("aws/no-such-model.json"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("not found");
    }

    @Test
    void proxylinesExtensionsAreMergedAndMayUseTheAwsShapes() {
        AwsModel.Operation hook = model.operation("CreateProxyInteraction");

        assertThat(hook.method()).isEqualTo("POST");
        assertThat(hook.requestUri()).isEqualTo("/voice-connectors/{voiceConnectorId}/proxy-interactions");
        assertThat(hook.successStatus()).isEqualTo(201);
        assertThat(model.shape("CreateProxyInteractionRequest").members().get("Type").shape()).isEqualTo("Capability");
    }

    @Test
    void aModelMayNotRedefineAnotherModelsShapes() {
        assertThatThrownBy(() -> AwsModel.load(AwsModel.RESOURCE, AwsModel.RESOURCE))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("redefines");
    }
}
