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

    Sessions(String voiceConnectorId, Participants participants) {
        this.voiceConnectorId = voiceConnectorId;
        this.participants = participants;
    }

    /** CreateProxySession with two fresh participants; remembers the new session. */
    Load.Op create() {
        return client -> add(createOne(client));
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
        String a = participants.next();
        String b = participants.next();
        return client.createProxySession(r -> r.voiceConnectorId(voiceConnectorId)
                        .participantPhoneNumbers(a, b)
                        .capabilities(Capability.VOICE, Capability.SMS))
                .proxySession().proxySessionId();
    }

    String voiceConnectorId() {
        return voiceConnectorId;
    }

    synchronized void add(String id) {
        ids.add(id);
    }

    synchronized String newest() {
        return ids.isEmpty() ? null : ids.get(ids.size() - 1);
    }

    synchronized int size() {
        return ids.size();
    }

    private synchronized String random() {
        if (ids.isEmpty()) throw new IllegalStateException("no sessions created yet");
        return ids.get(ThreadLocalRandom.current().nextInt(ids.size()));
    }
}
