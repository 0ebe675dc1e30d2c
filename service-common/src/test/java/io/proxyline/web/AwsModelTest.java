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
        assertThat(model.operationNames()).hasSize(19).contains("ListProxySessions", "DeleteVoiceConnectorProxy");
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
}
