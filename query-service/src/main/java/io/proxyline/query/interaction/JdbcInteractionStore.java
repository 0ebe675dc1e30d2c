package io.proxyline.query.interaction;

import io.proxyline.api.interaction.InteractionRecordedEvent;
import io.proxyline.query.web.Pages.Positioned;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The interactions read model as rows of an in-process SQL database (standalone: H2): one row per
 * interaction with its position in its session's list, read by the unique index on
 * {@code (proxy_session_id, position)}. Written in the {@code interactions} processor's batch
 * transaction, with its token (see {@code ReadModelDatabase}).
 */
final class JdbcInteractionStore implements InteractionStore {
    static final String TABLE = "proxy_session_interactions";
    private static final String COLUMNS = "interaction_id, voice_connector_id, account_id, proxy_session_id, position, "
            + "type, from_phone_number, to_phone_number, action, forward_from, forward_to, reason, created_at";

    private final JdbcTemplate jdbc;

    JdbcInteractionStore(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
        jdbc.execute("CREATE TABLE IF NOT EXISTS " + TABLE + " ("
                + "interaction_id VARCHAR(64) PRIMARY KEY, "
                + "voice_connector_id VARCHAR(64) NOT NULL, "
                + "account_id VARCHAR(64) NOT NULL, "
                + "proxy_session_id VARCHAR(64) NOT NULL, "
                + "position BIGINT NOT NULL, "
                + "type VARCHAR(16), "
                + "from_phone_number VARCHAR(32), "
                + "to_phone_number VARCHAR(32), "
                + "action VARCHAR(32), "
                + "forward_from VARCHAR(32), "
                + "forward_to VARCHAR(32), "
                + "reason VARCHAR(64), "
                + "created_at BIGINT NOT NULL)");
        jdbc.execute("CREATE UNIQUE INDEX IF NOT EXISTS " + TABLE + "_by_position ON " + TABLE
                + " (proxy_session_id, position)");
    }

    @Override
    public void recorded(InteractionRecordedEvent e) {
        // Once: a redelivered interaction keeps the row (and position) it has.
        jdbc.update("INSERT INTO " + TABLE + " (" + COLUMNS + ") SELECT ?, ?, ?, ?, "
                        + "COALESCE((SELECT MAX(position) + 1 FROM " + TABLE + " WHERE proxy_session_id = ?), 0), "
                        + "?, ?, ?, ?, ?, ?, ?, ? "
                        + "WHERE NOT EXISTS (SELECT 1 FROM " + TABLE + " WHERE interaction_id = ?)",
                e.interactionId(), e.voiceConnectorId(), e.accountId(), e.proxySessionId(), e.proxySessionId(),
                e.type() == null ? null : e.type().wire(), e.fromPhoneNumber(), e.toPhoneNumber(),
                e.action() == null ? null : e.action().wire(), e.forwardFrom(), e.forwardTo(),
                e.reason() == null ? null : e.reason().wire(), e.createdAt().toEpochMilli(), e.interactionId());
    }

    @Override
    public void clear() {
        jdbc.update("DELETE FROM " + TABLE);
    }

    @Override
    public long count(String proxySessionId) {
        List<Long> highest = jdbc.queryForList("SELECT position FROM " + TABLE + " WHERE proxy_session_id = ? "
                + "ORDER BY position DESC LIMIT 1", Long.class, proxySessionId);
        return highest.isEmpty() ? 0 : highest.get(0) + 1;
    }

    @Override
    public List<Positioned<InteractionRow>> range(String proxySessionId, long from, int count) {
        return jdbc.query("SELECT " + COLUMNS + " FROM " + TABLE + " WHERE proxy_session_id = ? AND position >= ? "
                        + "AND position < ? ORDER BY position",
                (rs, n) -> new Positioned<>(rs.getLong("position"), row(rs)), proxySessionId, from, from + count);
    }

    private static InteractionRow row(ResultSet rs) throws SQLException {
        return new InteractionRow(
                rs.getString("interaction_id"),
                rs.getString("voice_connector_id"),
                rs.getString("account_id"),
                rs.getString("proxy_session_id"),
                rs.getLong("position"),
                rs.getString("type"),
                rs.getString("from_phone_number"),
                rs.getString("to_phone_number"),
                rs.getString("action"),
                rs.getString("forward_from"),
                rs.getString("forward_to"),
                rs.getString("reason"),
                Instant.ofEpochMilli(rs.getLong("created_at")));
    }
}
