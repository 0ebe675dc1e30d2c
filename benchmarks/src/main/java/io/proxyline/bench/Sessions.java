package io.proxyline.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import software.amazon.awssdk.services.chimesdkvoice.ChimeSdkVoiceClient;
import software.amazon.awssdk.services.chimesdkvoice.model.Capability;
import software.amazon.awssdk.services.chimesdkvoice.model.ProxySession;

/** The sessions created in one app through one connector, and the two operations measured on them. */
final class Sessions {
    private final String voiceConnectorId;
    private final Participants participants;
    private final List<String> ids = new ArrayList<>();
    /** Per session (same index as {@link #ids}): its first participant and its proxy number. */
    private final List<String[]> routes = new ArrayList<>();
    private java.net.URI endpoint;

    Sessions(String voiceConnectorId, Participants participants) {
        this.voiceConnectorId = voiceConnectorId;
        this.participants = participants;
    }

    /** CreateProxySession with two fresh participants; remembers the new session. */
    Load.Op create() {
        return client -> {
            ProxySession s = createSession(client);
            add(s.proxySessionId(), s.participants().get(0).phoneNumber(),
                    s.participants().get(0).proxyPhoneNumber());
        };
    }

    /** Where {@link #interaction()} sends its hook calls. */
    Sessions routedAt(java.net.URI endpoint) {
        this.endpoint = endpoint;
        return this;
    }

    /**
     * The routing hook's decision for a call from a random session's first participant to its
     * proxy number: a Forward (the session is active), found among all the connector's sessions.
     */
    Load.Op interaction() {
        return client -> {
            String[] route = randomRoute();
            Api.interaction(endpoint, voiceConnectorId, route[0], route[1], "Forward");
        };
    }

    /** GetProxySession of a random session created so far. */
    Load.Op get() {
        return client -> {
            String id = random();
            ProxySession s = client.getProxySession(r -> r.voiceConnectorId(voiceConnectorId).proxySessionId(id))
                    .proxySession();
            if (!id.equals(s.proxySessionId())) {
                throw new IllegalStateException("GetProxySession " + id + " answered session " + s.proxySessionId());
            }
        };
    }

    String createOne(ChimeSdkVoiceClient client) {
        return createSession(client).proxySessionId();
    }

    private ProxySession createSession(ChimeSdkVoiceClient client) {
        String a = participants.next();
        String b = participants.next();
        return client.createProxySession(r -> r.voiceConnectorId(voiceConnectorId)
                        .participantPhoneNumbers(a, b)
                        .capabilities(Capability.VOICE, Capability.SMS))
                .proxySession();
    }

    String voiceConnectorId() {
        return voiceConnectorId;
    }

    synchronized void add(String id) {
        add(id, null, null);
    }

    synchronized void add(String id, String participant, String proxyNumber) {
        ids.add(id);
        routes.add(participant == null ? null : new String[] {participant, proxyNumber});
    }

    synchronized String newest() {
        return ids.isEmpty() ? null : ids.get(ids.size() - 1);
    }

    synchronized int size() {
        return ids.size();
    }

    private synchronized String[] randomRoute() {
        for (int attempt = 0; attempt < 1000; attempt++) {
            String[] route = routes.get(ThreadLocalRandom.current().nextInt(routes.size()));
            if (route != null) return route;
        }
        throw new IllegalStateException("no session with a known route");
    }

    private synchronized String random() {
        if (ids.isEmpty()) throw new IllegalStateException("no sessions created yet");
        return ids.get(ThreadLocalRandom.current().nextInt(ids.size()));
    }
}
