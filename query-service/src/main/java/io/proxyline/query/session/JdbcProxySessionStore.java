package io.proxyline.query.session;

import io.proxyline.api.session.Capability;
import io.proxyline.api.session.GeoMatchLevel;
import io.proxyline.api.session.GeoMatchParams;
import io.proxyline.api.session.NumberSelectionBehavior;
import io.proxyline.api.session.ProxySessionClosedEvent;
import io.proxyline.api.session.ProxySessionCreatedEvent;
import io.proxyline.api.session.ProxySessionDeletedEvent;
import io.proxyline.api.session.ProxySessionInProgressEvent;
import io.proxyline.api.session.ProxySessionUpdatedEvent;
import io.proxyline.api.session.ProxySessionView;
import io.proxyline.api.session.SessionStatus;
import io.proxyline.query.web.Pages.Positioned;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;

/**
 * The proxy-sessions read model as rows of an in-process SQL database (standalone: H2). One row
 * per session, deleted ones flagged; a connector's sessions are read by the unique index on
 * {@code (voice_connector_id, ordinal)}. Instants are kept in epoch milliseconds, as the MongoDB
 * adapter keeps them (BSON dates).
 *
 * <p>The writes run on the {@code proxy-sessions} processor's thread inside its batch's
 * transaction, which also stores the processor's token ({@code JdbcTokenStore} in the same
 * database): a batch's rows and its token commit together or not at all, so nothing needs
 * rebuilding after a crash. {@link JdbcTemplate} takes the transaction's connection.
 */
final class JdbcProxySessionStore implements ProxySessionStore {
    static final String TABLE = "proxy_sessions";
    private static final String COLUMNS = "proxy_session_id, voice_connector_id, ordinal, account_id, name, status, "
            + "expiry_minutes, capabilities, created_at, updated_at, ended_at, participants, proxy_phone_number, "
            + "selection, geo_match_level, geo_country, geo_area_code, deleted";

    private final JdbcTemplate jdbc;
    private final RowMapper<ProxySessionRow> rows = JdbcProxySessionStore::row;

    JdbcProxySessionStore(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
        jdbc.execute("CREATE TABLE IF NOT EXISTS " + TABLE + " ("
                + "proxy_session_id VARCHAR(64) PRIMARY KEY, "
                + "voice_connector_id VARCHAR(64) NOT NULL, "
                + "ordinal BIGINT NOT NULL, "
                + "account_id VARCHAR(64) NOT NULL, "
                + "name VARCHAR(1024), "
                + "status VARCHAR(16) NOT NULL, "
                + "expiry_minutes INT NOT NULL, "
                + "capabilities VARCHAR(64) NOT NULL, "
                + "created_at BIGINT NOT NULL, "
                + "updated_at BIGINT NOT NULL, "
                + "ended_at BIGINT, "
                + "participants VARCHAR(256) NOT NULL, "
                + "proxy_phone_number VARCHAR(32), "
                + "selection VARCHAR(32), "
                + "geo_match_level VARCHAR(32), "
                + "geo_country VARCHAR(8), "
                + "geo_area_code VARCHAR(16), "
                + "deleted BOOLEAN NOT NULL, "
                + "deleted_at BIGINT)");
        jdbc.execute("CREATE UNIQUE INDEX IF NOT EXISTS " + TABLE + "_by_ordinal ON " + TABLE
                + " (voice_connector_id, ordinal)");
    }

    @Override
    public void created(ProxySessionCreatedEvent e) {
        long at = e.createdAt().toEpochMilli();
        // MERGE: a redelivered creation writes the same row again.
        jdbc.update("MERGE INTO " + TABLE + " (" + COLUMNS + ") KEY (proxy_session_id) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, ?, ?, ?, ?, ?, FALSE)",
                ps -> {
                    ps.setString(1, e.proxySessionId());
                    ps.setString(2, e.voiceConnectorId());
                    ps.setLong(3, e.ordinal());
                    ps.setString(4, e.accountId());
                    ps.setString(5, e.name());
                    ps.setString(6, SessionStatus.OPEN.wire());
                    ps.setInt(7, e.expiryMinutes());
                    ps.setString(8, wire(e.capabilities()));
                    ps.setLong(9, at);
                    ps.setLong(10, at);
                    ps.setString(11, String.join(",", e.participants()));
                    ps.setString(12, e.proxyPhoneNumber());
                    ps.setString(13, e.selection() == null ? null : e.selection().wire());
                    ps.setString(14, e.geoMatchLevel() == null ? null : e.geoMatchLevel().wire());
                    ps.setString(15, e.geoMatchParams() == null ? null : e.geoMatchParams().country());
                    if (e.geoMatchParams() == null) ps.setNull(16, Types.VARCHAR);
                    else ps.setString(16, e.geoMatchParams().areaCode());
                });
    }

    @Override
    public void updated(ProxySessionUpdatedEvent e) {
        jdbc.update("UPDATE " + TABLE + " SET capabilities = ?, expiry_minutes = ?, updated_at = ? WHERE proxy_session_id = ?",
                wire(e.capabilities()), e.expiryMinutes(), e.updatedAt().toEpochMilli(), e.proxySessionId());
    }

    @Override
    public void inProgress(ProxySessionInProgressEvent e) {
        // Only from Open, and not once deleted: the condition is the rule, in one statement.
        jdbc.update("UPDATE " + TABLE + " SET status = ?, updated_at = ? WHERE proxy_session_id = ? AND status = ? "
                        + "AND deleted = FALSE",
                SessionStatus.IN_PROGRESS.wire(), e.at().toEpochMilli(), e.proxySessionId(), SessionStatus.OPEN.wire());
    }

    @Override
    public void closed(ProxySessionClosedEvent e) {
        jdbc.update("UPDATE " + TABLE + " SET status = ?, ended_at = ? WHERE proxy_session_id = ?",
                SessionStatus.CLOSED.wire(), e.endedAt().toEpochMilli(), e.proxySessionId());
    }

    @Override
    public void deleted(ProxySessionDeletedEvent e) {
        jdbc.update("UPDATE " + TABLE + " SET deleted = TRUE, deleted_at = ? WHERE proxy_session_id = ?",
                e.deletedAt().toEpochMilli(), e.proxySessionId());
    }

    @Override
    public void clear() {
        jdbc.update("DELETE FROM " + TABLE);
    }

    @Override
    public Optional<ProxySessionRow> find(String proxySessionId) {
        return jdbc.query("SELECT " + COLUMNS + " FROM " + TABLE + " WHERE proxy_session_id = ?", rows, proxySessionId)
                .stream().findFirst();
    }

    @Override
    public long count(String voiceConnectorId) {
        List<Long> highest = jdbc.queryForList("SELECT ordinal FROM " + TABLE + " WHERE voice_connector_id = ? "
                + "ORDER BY ordinal DESC LIMIT 1", Long.class, voiceConnectorId);
        return highest.isEmpty() ? 0 : highest.get(0) + 1;
    }

    @Override
    public List<Positioned<ProxySessionRow>> range(String voiceConnectorId, long from, int count) {
        return jdbc.query("SELECT " + COLUMNS + " FROM " + TABLE + " WHERE voice_connector_id = ? AND ordinal >= ? "
                        + "AND ordinal < ? ORDER BY ordinal",
                (rs, n) -> new Positioned<>(rs.getLong("ordinal"), row(rs, n)), voiceConnectorId, from, from + count);
    }

    private static ProxySessionRow row(ResultSet rs, int n) throws SQLException {
        Set<Capability> capabilities = EnumSet.noneOf(Capability.class);
        String wired = rs.getString("capabilities");
        if (!wired.isEmpty()) Arrays.stream(wired.split(",")).forEach(c -> capabilities.add(Capability.fromWire(c)));
        String selection = rs.getString("selection");
        String level = rs.getString("geo_match_level");
        String country = rs.getString("geo_country");
        long endedAt = rs.getLong("ended_at");
        Instant ended = rs.wasNull() ? null : Instant.ofEpochMilli(endedAt);
        return new ProxySessionRow(new ProxySessionView(
                rs.getString("voice_connector_id"),
                rs.getString("proxy_session_id"),
                rs.getString("name"),
                SessionStatus.fromWire(rs.getString("status")),
                rs.getInt("expiry_minutes"),
                capabilities,
                Instant.ofEpochMilli(rs.getLong("created_at")),
                Instant.ofEpochMilli(rs.getLong("updated_at")),
                ended,
                List.of(rs.getString("participants").split(",")),
                rs.getString("proxy_phone_number"),
                selection == null ? null : NumberSelectionBehavior.fromWire(selection),
                level == null ? null : GeoMatchLevel.fromWire(level),
                country == null && rs.getString("geo_area_code") == null
                        ? null : new GeoMatchParams(country, rs.getString("geo_area_code"))),
                rs.getString("account_id"),
                rs.getBoolean("deleted"));
    }

    /** Wire names in the enum's order, so equal sets are stored alike. */
    private static String wire(Collection<Capability> capabilities) {
        return capabilities.stream().sorted().map(Capability::wire).collect(Collectors.joining(","));
    }
}
