package io.proxyline.standalone;

import static io.proxyline.standalone.ProxySessionFlowTest.numbers;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.chime.ChimeClient;
import software.amazon.awssdk.services.chime.model.NotFoundException;
import software.amazon.awssdk.services.chime.model.PhoneNumberProductType;
import software.amazon.awssdk.services.chimesdkvoice.model.PhoneNumberOrderStatus;

/**
 * The legacy {@code chime} namespace against the real app: the AWS SDK's {@code ChimeClient}
 * (which in current SDKs keeps only the phone-number operations of that namespace) works with only
 * the endpoint changed, on the same paths and the same data as {@code chime-sdk-voice}.
 */
class LegacyChimeNamespaceTest extends StandaloneTestBase {

    ChimeClient legacy(String key, String secret) {
        return ChimeClient.builder()
                .endpointOverride(endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(key, secret)))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(c -> c.retryStrategy(RetryMode.STANDARD))
                .build();
    }

    @Test
    void phoneNumberOperationsWorkThroughTheLegacyClientOnTheSameData() {
        List<String> ordered = numbers(2);
        try (ChimeClient chime = legacy(KEY_A, SECRET_A); ChimeClient otherAccount = legacy(KEY_B, SECRET_B)) {
            var order = chime.createPhoneNumberOrder(r -> r.productType(PhoneNumberProductType.VOICE_CONNECTOR)
                    .e164PhoneNumbers(ordered)).phoneNumberOrder();
            assertThat(order.statusAsString()).isEqualTo("Successful");
            assertThat(chime.getPhoneNumberOrder(r -> r.phoneNumberOrderId(order.phoneNumberOrderId()))
                    .phoneNumberOrder().orderedPhoneNumbers()).hasSize(2);

            // Ordered through the legacy namespace, visible through chime-sdk-voice and vice versa.
            assertThat(alice.getPhoneNumber(r -> r.phoneNumberId(ordered.get(0))).phoneNumber().e164PhoneNumber())
                    .isEqualTo(ordered.get(0));
            List<String> more = numbers(1);
            assertThat(alice.createPhoneNumberOrder(r -> r.productType("VoiceConnector").e164PhoneNumbers(more))
                    .phoneNumberOrder().status()).isEqualTo(PhoneNumberOrderStatus.SUCCESSFUL);
            assertThat(chime.getPhoneNumber(r -> r.phoneNumberId(more.get(0))).phoneNumber().e164PhoneNumber())
                    .isEqualTo(more.get(0));
            assertThat(chime.listPhoneNumbers(r -> r.maxResults(99)).phoneNumbers())
                    .extracting(p -> p.e164PhoneNumber()).contains(ordered.get(0), ordered.get(1), more.get(0));

            assertThatThrownBy(() -> otherAccount.getPhoneNumber(r -> r.phoneNumberId(ordered.get(0))))
                    .isInstanceOf(NotFoundException.class);

            chime.deletePhoneNumber(r -> r.phoneNumberId(ordered.get(1)));
            assertThatThrownBy(() -> chime.getPhoneNumber(r -> r.phoneNumberId(ordered.get(1))))
                    .isInstanceOf(NotFoundException.class);
        }
    }
}
