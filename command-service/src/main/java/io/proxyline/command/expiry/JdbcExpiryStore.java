package io.proxyline.command.expiry;

import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The expiry schedule as rows of the SQL read-model database (standalone): {@code expiry_sessions}
 * (watched sessions), {@code expiry_buckets} (one row per minute and connector) and
 * {@code expiry_cursor}. The projection's writes run in its batch transaction with its token; the
 * sweeper reads and finishes minutes on its own connections.
 */
final class JdbcExpiryStore implements ExpiryStore {
    private final JdbcTemplate jdbc;

    JdbcExpiryStore(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
        jdbc.execute("CREATE TABLE IF NOT EXISTS expiry_sessions (proxy_session_id VARCHAR(64) PRIMARY KEY, "
                + "voice_connector_id VARCHAR(64) NOT NULL, created_at BIGINT NOT NULL)");
        jdbc.execute("CREATE TABLE IF NOT EXISTS expiry_buckets (expiry_minute BIGINT NOT NULL, "
                + "voice_connector_id VARCHAR(64) NOT NULL, PRIMARY KEY (expiry_minute, voice_connector_id))");
        jdbc.execute("CREATE TABLE IF NOT EXISTS expiry_cursor (id INT PRIMARY KEY, expiry_minute BIGINT NOT NULL)");
    }

    @Override
    public void sessionCreated(String proxySessionId, String voiceConnectorId, long createdAtMillis) {
        jdbc.update("MERGE INTO expiry_sessions (proxy_session_id, voice_connector_id, created_at) "
                + "KEY (proxy_session_id) VALUES (?, ?, ?)", proxySessionId, voiceConnectorId, createdAtMillis);
    }

    @Override
    public Optional<Long> createdAt(String proxySessionId) {
        return jdbc.queryForList("SELECT created_at FROM expiry_sessions WHERE proxy_session_id = ?", Long.class,
                proxySessionId).stream().findFirst();
    }

    @Override
    public void sessionEnded(String proxySessionId) {
        jdbc.update("DELETE FROM expiry_sessions WHERE proxy_session_id = ?", proxySessionId);
    }

    @Override
    public void schedule(String voiceConnectorId, long minute) {
        jdbc.update("MERGE INTO expiry_buckets (expiry_minute, voice_connector_id) KEY (expiry_minute, voice_connector_id) "
                + "VALUES (?, ?)", minute, voiceConnectorId);
        // The cursor only moves back here; the sweeper moves it on.
        if (jdbc.update("UPDATE expiry_cursor SET expiry_minute = LEAST(expiry_minute, ?) WHERE id = 1", minute) == 0) {
            jdbc.update("MERGE INTO expiry_cursor (id, expiry_minute) KEY (id) VALUES (1, ?)", minute);
        }
    }

    @Override
    public Long cursor() {
        return jdbc.queryForList("SELECT expiry_minute FROM expiry_cursor WHERE id = 1", Long.class).stream()
                .findFirst().orElse(null);
    }

    @Override
    public List<String> connectorsExpiringIn(long minute) {
        return jdbc.queryForList("SELECT voice_connector_id FROM expiry_buckets WHERE expiry_minute = ? "
                + "ORDER BY voice_connector_id", String.class, minute);
    }

    @Override
    public void finish(long minute) {
        jdbc.update("DELETE FROM expiry_buckets WHERE expiry_minute = ?", minute);
        jdbc.update("UPDATE expiry_cursor SET expiry_minute = ? WHERE id = 1 AND expiry_minute = ?", minute + 1, minute);
    }

    @Override
    public void clear() {
        jdbc.update("DELETE FROM expiry_buckets");
        jdbc.update("DELETE FROM expiry_sessions");
        jdbc.update("DELETE FROM expiry_cursor");
    }
}
