package io.proxyline.query.connector;

import io.proxyline.api.connector.ProxyConfigPutEvent;
import io.proxyline.api.connector.VoiceConnectorCreatedEvent;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The connectors read model as rows of an in-process SQL database (standalone: H2): one row per connector,
 * deleted ones flagged, with its position among its account's connectors (unique index on
 * {@code (account_id, position)}: the list's stable order), and its numbers in a second table. Instants in
 * epoch milliseconds, as the MongoDB adapter keeps them (BSON dates). Written in the {@code connectors}
 * processor's batch transaction, with its token (see {@code ReadModelDatabase}).
 */
final class JdbcVoiceConnectorStore implements VoiceConnectorStore {
    static final String TABLE = "voice_connectors";
    static final String NUMBERS = "voice_connector_numbers";
    private static final String COLUMNS = "voice_connector_id, account_id, position, name, aws_region, "
            + "require_encryption, network_type, integration_type, created_at, updated_at, deleted, deleted_at, "
            + "proxy_expiry_minutes, proxy_countries, proxy_fallback, proxy_disabled, proxy_updated_at";

    private final JdbcTemplate jdbc;

    JdbcVoiceConnectorStore(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
        jdbc.execute("CREATE TABLE IF NOT EXISTS " + TABLE + " ("
                + "voice_connector_id VARCHAR(64) PRIMARY KEY, "
                + "account_id VARCHAR(64) NOT NULL, "
                + "position BIGINT NOT NULL, "
                + "name VARCHAR(1024), "
                + "aws_region VARCHAR(32), "
                + "require_encryption BOOLEAN NOT NULL, "
                + "network_type VARCHAR(32), "
                + "integration_type VARCHAR(64), "
                + "created_at BIGINT NOT NULL, "
                + "updated_at BIGINT NOT NULL, "
                + "deleted BOOLEAN NOT NULL, "
                + "deleted_at BIGINT, "
                + "proxy_expiry_minutes INT, "
                + "proxy_countries VARCHAR(1024), "
                + "proxy_fallback VARCHAR(32), "
                + "proxy_disabled BOOLEAN, "
                + "proxy_updated_at BIGINT)");
        jdbc.execute("CREATE UNIQUE INDEX IF NOT EXISTS " + TABLE + "_by_position ON " + TABLE
                + " (account_id, position)");
        jdbc.execute("CREATE TABLE IF NOT EXISTS " + NUMBERS + " ("
                + "voice_connector_id VARCHAR(64) NOT NULL, "
                + "e164 VARCHAR(32) NOT NULL, "
                + "PRIMARY KEY (voice_connector_id, e164))");
    }

    @Override
    public void created(VoiceConnectorCreatedEvent e) {
        long at = e.createdAt().toEpochMilli();
        // MERGE: a redelivered creation writes the row as it was created, at the position it was given.
        jdbc.update("MERGE INTO " + TABLE + " (" + COLUMNS + ") KEY (voice_connector_id) VALUES (?, ?, "
                        + "COALESCE((SELECT position FROM " + TABLE + " WHERE voice_connector_id = ?), "
                        + "(SELECT MAX(position) + 1 FROM " + TABLE + " WHERE account_id = ?), 0), "
                        + "?, ?, ?, ?, ?, ?, ?, FALSE, NULL, NULL, NULL, NULL, NULL, NULL)",
                e.voiceConnectorId(), e.accountId(), e.voiceConnectorId(), e.accountId(), e.name(), e.awsRegion(),
                e.requireEncryption(), e.networkType(), e.integrationType(), at, at);
        jdbc.update("DELETE FROM " + NUMBERS + " WHERE voice_connector_id = ?", e.voiceConnectorId());
    }

    @Override
    public void deleted(String voiceConnectorId, Instant deletedAt) {
        jdbc.update("UPDATE " + TABLE + " SET deleted = TRUE, deleted_at = ? WHERE voice_connector_id = ?",
                deletedAt.toEpochMilli(), voiceConnectorId);
    }

    @Override
    public void numbersAdded(String voiceConnectorId, List<String> numbers) {
        for (String number : numbers) {
            jdbc.update("MERGE INTO " + NUMBERS + " (voice_connector_id, e164) KEY (voice_connector_id, e164) "
                    + "VALUES (?, ?)", voiceConnectorId, number);
        }
    }

    @Override
    public void numbersRemoved(String voiceConnectorId, List<String> numbers) {
        for (String number : numbers) {
            jdbc.update("DELETE FROM " + NUMBERS + " WHERE voice_connector_id = ? AND e164 = ?", voiceConnectorId,
                    number);
        }
    }

    @Override
    public void proxyConfigPut(ProxyConfigPutEvent e) {
        jdbc.update("UPDATE " + TABLE + " SET proxy_expiry_minutes = ?, proxy_countries = ?, proxy_fallback = ?, "
                        + "proxy_disabled = ?, proxy_updated_at = ? WHERE voice_connector_id = ?",
                e.defaultSessionExpiryMinutes(), String.join(",", e.phoneNumberPoolCountries()),
                e.fallBackPhoneNumber(), e.disabled(), e.putAt().toEpochMilli(), e.voiceConnectorId());
    }

    @Override
    public void proxyConfigDeleted(String voiceConnectorId) {
        jdbc.update("UPDATE " + TABLE + " SET proxy_expiry_minutes = NULL, proxy_countries = NULL, "
                + "proxy_fallback = NULL, proxy_disabled = NULL, proxy_updated_at = NULL WHERE voice_connector_id = ?",
                voiceConnectorId);
    }

    @Override
    public void clear() {
        jdbc.update("DELETE FROM " + NUMBERS);
        jdbc.update("DELETE FROM " + TABLE);
    }

    @Override
    public Optional<VoiceConnectorRow> find(String voiceConnectorId) {
        return jdbc.query("SELECT " + COLUMNS + " FROM " + TABLE + " WHERE voice_connector_id = ?",
                (rs, n) -> row(rs), voiceConnectorId).stream().findFirst();
    }

    @Override
    public List<VoiceConnectorRow> findAll(Collection<String> ids) {
        if (ids.isEmpty()) return List.of();
        Map<String, VoiceConnectorRow> found = new HashMap<>();
        jdbc.query("SELECT " + COLUMNS + " FROM " + TABLE + " WHERE voice_connector_id IN ("
                        + String.join(", ", Collections.nCopies(ids.size(), "?")) + ")",
                rs -> {
                    VoiceConnectorRow row = row(rs);
                    found.put(row.voiceConnectorId(), row);
                }, ids.toArray());
        List<VoiceConnectorRow> ordered = new ArrayList<>(found.size());
        for (String id : ids) {
            VoiceConnectorRow row = found.get(id);
            if (row != null) ordered.add(row);
        }
        return ordered;
    }

    @Override
    public long accountConnectorCount(String accountId) {
        List<Long> highest = jdbc.queryForList("SELECT position FROM " + TABLE + " WHERE account_id = ? "
                + "ORDER BY position DESC LIMIT 1", Long.class, accountId);
        return highest.isEmpty() ? 0 : highest.get(0) + 1;
    }

    @Override
    public List<String> accountConnectorIds(String accountId, long from, int count) {
        return jdbc.queryForList("SELECT voice_connector_id FROM " + TABLE + " WHERE account_id = ? AND position >= ? "
                + "AND position < ? ORDER BY position", String.class, accountId, from, from + count);
    }

    private static VoiceConnectorRow row(ResultSet rs) throws SQLException {
        int expiry = rs.getInt("proxy_expiry_minutes");
        boolean hasProxy = !rs.wasNull();
        String countries = rs.getString("proxy_countries");
        return new VoiceConnectorRow(
                rs.getString("voice_connector_id"),
                rs.getString("account_id"),
                rs.getString("name"),
                rs.getString("aws_region"),
                rs.getBoolean("require_encryption"),
                rs.getString("network_type"),
                rs.getString("integration_type"),
                Instant.ofEpochMilli(rs.getLong("created_at")),
                Instant.ofEpochMilli(rs.getLong("updated_at")),
                rs.getBoolean("deleted"),
                hasProxy
                        ? new VoiceConnectorRow.ProxyConfigRow(expiry,
                                countries == null || countries.isEmpty() ? List.of() : Arrays.asList(countries.split(",")),
                                rs.getString("proxy_fallback"), rs.getBoolean("proxy_disabled"))
                        : null);
    }
}
