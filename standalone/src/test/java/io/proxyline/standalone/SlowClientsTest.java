package io.proxyline.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import io.proxyline.testing.AwsClients;
import io.proxyline.testing.SignedHttp;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.chimesdkvoice.ChimeSdkVoiceClient;
import software.amazon.awssdk.services.chimesdkvoice.model.Capability;
import software.amazon.awssdk.services.chimesdkvoice.model.PhoneNumberProductType;

/**
 * Slow clients do not starve others: while 300 slowloris connections send their headers a byte at a
 * time and never finish them, and 8 subscribers hold event streams open (replaying the account's
 * history, with 1 KB receive buffers) and never read, another client's signed requests — creates,
 * which every stalled stream is sent, and gets — are answered, each within a bound.
 */
class SlowClientsTest extends StandaloneTestBase {
    private static final int SLOWLORIS = 300;
    private static final int STALLED_STREAMS = 8;
    private static final int REQUESTS = 200;

    @Test
    void slowlorisAndNonReadingSubscribersDoNotStarveSignedRequests() throws Exception {
        ChimeSdkVoiceClient client = AwsClients.chimeSdkVoice(endpoint(), KEY_A, SECRET_A);
        List<String> pool = List.of("+12065550860", "+12065550861", "+12065550862", "+12065550863");
        String vc = client.createVoiceConnector(r -> r.name("slow-clients").requireEncryption(false))
                .voiceConnector().voiceConnectorId();
        client.createPhoneNumberOrder(r -> r.productType(PhoneNumberProductType.VOICE_CONNECTOR).e164PhoneNumbers(pool));
        client.associatePhoneNumbersWithVoiceConnector(r -> r.voiceConnectorId(vc).e164PhoneNumbers(pool));
        client.putVoiceConnectorProxy(r -> r.voiceConnectorId(vc).phoneNumberPoolCountries("US")
                .defaultSessionExpiryMinutes(60));

        List<Socket> slow = new ArrayList<>();
        try {
            for (int i = 0; i < SLOWLORIS; i++) {
                Socket socket = new Socket();
                socket.connect(new InetSocketAddress("127.0.0.1", port), 2000);
                socket.getOutputStream().write(("GET /voice-connectors HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ")
                        .getBytes(StandardCharsets.US_ASCII));
                slow.add(socket);
            }
            SignedHttp signed = SignedHttp.to(endpoint()).as(KEY_A, SECRET_A);
            List<Socket> stalled = new ArrayList<>();
            for (int i = 0; i < STALLED_STREAMS; i++) {
                Socket socket = new Socket();
                socket.setReceiveBufferSize(1024);
                socket.connect(new InetSocketAddress("127.0.0.1", port), 2000);
                StringBuilder request = new StringBuilder("GET /events?after=0 HTTP/1.1\r\n");
                for (Map.Entry<String, List<String>> header : signed.signedHeaders("GET", "/events?after=0").entrySet()) {
                    request.append(header.getKey()).append(": ").append(header.getValue().get(0)).append("\r\n");
                }
                socket.getOutputStream().write(request.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
                stalled.add(socket);
            }
            slow.addAll(stalled);
            // Drips one more header byte on every slowloris connection, never the end of the headers.
            Thread drip = new Thread(() -> {
                while (!Thread.currentThread().isInterrupted()) {
                    for (Socket socket : slow.subList(0, SLOWLORIS)) {
                        try {
                            socket.getOutputStream().write('a');
                        } catch (IOException closedByServer) {
                            // counted below
                        }
                    }
                    try {
                        TimeUnit.MILLISECONDS.sleep(200);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "slowloris-drip");
            drip.setDaemon(true);
            drip.start();

            long[] latencies = new long[REQUESTS];
            for (int i = 0; i < REQUESTS; i++) {
                int n = i;
                long started = System.nanoTime();
                if (i % 2 == 0) {
                    String id = client.createProxySession(r -> r.voiceConnectorId(vc)
                            .participantPhoneNumbers(String.format("+1415557%04d", n), String.format("+1646557%04d", n))
                            .capabilities(Capability.VOICE)).proxySession().proxySessionId();
                    assertThat(id).isNotBlank();
                } else {
                    assertThat(client.listProxySessions(r -> r.voiceConnectorId(vc).maxResults(10)).proxySessions())
                            .isNotEmpty();
                }
                latencies[i] = System.nanoTime() - started;
            }
            drip.interrupt();
            Arrays.sort(latencies);
            long p50 = TimeUnit.NANOSECONDS.toMillis(latencies[REQUESTS / 2]);
            long p99 = TimeUnit.NANOSECONDS.toMillis(latencies[(int) Math.ceil(REQUESTS * 0.99) - 1]);
            long max = TimeUnit.NANOSECONDS.toMillis(latencies[REQUESTS - 1]);
            long open = slow.stream().filter(s -> !s.isClosed() && stillOpen(s)).count();
            System.out.printf("[slow-clients] %d slowloris connections and %d non-reading event streams held; %d signed "
                    + "requests: p50 %d ms, p99 %d ms, max %d ms; %d slow connections still open%n", SLOWLORIS,
                    STALLED_STREAMS, REQUESTS, p50, p99, max, open);
            assertThat(p99).as("p99 of signed requests, ms").isLessThan(1000);
        } finally {
            for (Socket socket : slow) {
                socket.close();
            }
            client.close();
        }
    }

    /** Whether the server has not closed the connection (a write may still succeed once after a close). */
    private static boolean stillOpen(Socket socket) {
        try {
            OutputStream out = socket.getOutputStream();
            out.write('b');
            out.flush();
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
