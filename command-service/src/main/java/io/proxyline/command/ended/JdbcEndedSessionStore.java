package io.proxyline.command.ended;

import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Standalone profile: a table in the H2 event-store database. The JdbcTemplate joins the
 * transaction the command's events are appended in, so an entry commits or rolls back with them.
 */
final class JdbcEndedSessionStore implements EndedSessionStore {
    private final JdbcTemplate jdbc;

    JdbcEndedSessionStore(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
        jdbc.execute("CREATE TABLE IF NOT EXISTS ended_proxy_sessions ("
                + "voice_connector_id VARCHAR(128) NOT NULL, proxy_session_id VARCHAR(128) NOT NULL, "
                + "PRIMARY KEY (voice_connector_id, proxy_session_id))");
    }

    @Override
    public void add(String voiceConnectorId, String proxySessionId) {
        jdbc.update("MERGE INTO ended_proxy_sessions (voice_connector_id, proxy_session_id) KEY "
                + "(voice_connector_id, proxy_session_id) VALUES (?, ?)", voiceConnectorId, proxySessionId);
    }

    @Override
    public void remove(String voiceConnectorId, String proxySessionId) {
        jdbc.update("DELETE FROM ended_proxy_sessions WHERE voice_connector_id = ? AND proxy_session_id = ?",
                voiceConnectorId, proxySessionId);
    }

    @Override
    public boolean contains(String voiceConnectorId, String proxySessionId) {
        Integer n = jdbc.queryForObject("SELECT COUNT(*) FROM ended_proxy_sessions "
                + "WHERE voice_connector_id = ? AND proxy_session_id = ?", Integer.class, voiceConnectorId, proxySessionId);
        return n != null && n > 0;
    }
}
