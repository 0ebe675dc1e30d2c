package io.proxyline.query.connector;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.proxyline.api.wire.WireTime;
import java.time.Instant;
import java.util.List;
import org.bson.Document;

/** A connector as stored in {@code voice_connectors}, and its wire shapes. */
record VoiceConnectorRow(
        String voiceConnectorId,
        String accountId,
        String name,
        String awsRegion,
        boolean requireEncryption,
        String networkType,
        String integrationType,
        Instant createdAt,
        Instant updatedAt,
        boolean deleted,
        ProxyConfigRow proxy) {

    /** A connector's proxy configuration. {@code fallBackPhoneNumber} may be null. */
    record ProxyConfigRow(
            int defaultSessionExpiryMinutes, List<String> phoneNumberCountries, String fallBackPhoneNumber, boolean disabled) {}

    static VoiceConnectorRow from(Document doc) {
        Document proxy = doc.get("proxy", Document.class);
        return new VoiceConnectorRow(
                doc.getString("_id"),
                doc.getString("accountId"),
                doc.getString("name"),
                doc.getString("awsRegion"),
                doc.getBoolean("requireEncryption", false),
                doc.getString("networkType"),
                doc.getString("integrationType"),
                doc.getDate("createdAt").toInstant(),
                doc.getDate("updatedAt").toInstant(),
                doc.getBoolean("deleted", false),
                proxy == null
                        ? null
                        : new ProxyConfigRow(
                                proxy.getInteger("defaultSessionExpiryMinutes"),
                                proxy.getList("phoneNumberPoolCountries", String.class, List.of()),
                                proxy.getString("fallBackPhoneNumber"),
                                proxy.getBoolean("disabled", false)));
    }

    /** Deleted connectors and other accounts' connectors do not exist for the caller. */
    boolean visibleTo(String callerAccountId) {
        return !deleted && accountId.equals(callerAccountId);
    }

    ObjectNode toWire() {
        ObjectNode node = JsonNodeFactory.instance.objectNode()
                .put("VoiceConnectorId", voiceConnectorId)
                .put("AwsRegion", awsRegion)
                .put("Name", name)
                .put("OutboundHostName", voiceConnectorId + ".voiceconnector.chime.aws")
                .put("RequireEncryption", requireEncryption)
                .put("CreatedTimestamp", WireTime.format(createdAt))
                .put("UpdatedTimestamp", WireTime.format(updatedAt))
                .put("VoiceConnectorArn", "arn:aws:chime:" + awsRegion + ":" + accountId + ":vc/" + voiceConnectorId);
        if (networkType != null) {
            node.put("NetworkType", networkType);
        }
        if (integrationType != null) {
            node.put("IntegrationType", integrationType);
        }
        return node;
    }

    ObjectNode proxyToWire() {
        ObjectNode node = JsonNodeFactory.instance.objectNode()
                .put("DefaultSessionExpiryMinutes", proxy.defaultSessionExpiryMinutes())
                .put("Disabled", proxy.disabled());
        if (proxy.fallBackPhoneNumber() != null) {
            node.put("FallBackPhoneNumber", proxy.fallBackPhoneNumber());
        }
        proxy.phoneNumberCountries().forEach(node.putArray("PhoneNumberCountries")::add);
        return node;
    }
}
