package io.proxyline.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.proxyline.testing.AwsClients;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import software.amazon.awssdk.services.chimesdkvoice.ChimeSdkVoiceClient;

/** A standalone-style start with no credentials configured: one is generated, announced and accepted. */
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(classes = AwsWebLayerTest.TestApp.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "proxyline.dev-credentials.generate=true")
class DevCredentialsStartupTest {
    private static final Path DATA_DIR = createDataDir();

    @LocalServerPort
    int port;

    @Autowired
    CredentialStore store;

    private static Path createDataDir() {
        try {
            return Files.createTempDirectory("proxyline-dev-credentials");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) {
        registry.add("proxyline.data-dir", DATA_DIR::toString);
    }

    @Test
    void theGeneratedCredentialIsAnnouncedWithTheEndpointAndWorks(CapturedOutput output) {
        AccessKey dev = store.devCredential().orElseThrow();

        assertThat(output.getOut()).contains("AWS_ACCESS_KEY_ID=" + dev.accessKeyId(),
                "AWS_SECRET_ACCESS_KEY=" + dev.secretAccessKey(), "AWS_REGION=us-east-1",
                "AWS_ENDPOINT_URL=http://localhost:" + port);
        assertThat(DATA_DIR.resolve("dev-credentials.properties")).exists();
        try (ChimeSdkVoiceClient client = AwsClients.chimeSdkVoice(URI.create("http://localhost:" + port),
                dev.accessKeyId(), dev.secretAccessKey())) {
            assertThat(client.getPhoneNumber(r -> r.phoneNumberId("+12065550100")).phoneNumber().phoneNumberId())
                    .isEqualTo("+12065550100");
        }
    }
}
