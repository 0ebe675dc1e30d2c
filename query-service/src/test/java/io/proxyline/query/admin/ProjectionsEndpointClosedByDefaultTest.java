package io.proxyline.query.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.proxyline.query.ProcessingGroups;
import io.proxyline.query.QueryServiceApplication;
import io.proxyline.testing.SignedHttp;
import io.proxyline.testing.TestCredentials;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Without configuration the endpoint is not there at all, not even for a signed request. */
@SpringBootTest(
        classes = QueryServiceApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            TestCredentials.ACCESS_KEY_PROPERTY, TestCredentials.SECRET_PROPERTY, TestCredentials.ACCOUNT_PROPERTY,
            "proxyline.embedded.backend=memory",
            "proxyline.event-store.compact-on-shutdown=false"
        })
@DirtiesContext
class ProjectionsEndpointClosedByDefaultTest {
    @LocalServerPort
    int port;

    @Autowired
    EventProcessingConfiguration processing;

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) throws IOException {
        String dir = Files.createTempDirectory("proxyline-closed").toString();
        registry.add("proxyline.data-dir", () -> dir);
    }

    @Test
    void endpointIsNotExposedByDefault() {
        SignedHttp http = SignedHttp.to(URI.create("http://127.0.0.1:" + port));

        SignedHttp.Response replay = http.post("/actuator/projections/" + ProcessingGroups.PROXY_SESSIONS,
                "{\"action\":\"replay\"}");
        assertThat(replay.status()).as(replay.toString()).isEqualTo(404);
        SignedHttp.Response list = http.get("/actuator/projections");
        assertThat(list.status()).as(list.toString()).isEqualTo(404);

        StreamingEventProcessor sessions = processing
                .<StreamingEventProcessor>eventProcessorByProcessingGroup(ProcessingGroups.PROXY_SESSIONS)
                .orElseThrow();
        assertThat(sessions.isRunning()).isTrue();
        assertThat(sessions.isReplaying()).isFalse();
    }
}
