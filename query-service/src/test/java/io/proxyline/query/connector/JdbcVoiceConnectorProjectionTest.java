package io.proxyline.query.connector;

import java.util.List;
import java.util.UUID;
import org.h2.jdbcx.JdbcDataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/** The connectors contract on SQL rows in H2 (standalone's adapter), a fresh in-memory database per test. */
class JdbcVoiceConnectorProjectionTest extends VoiceConnectorProjectionContract {
    private JdbcTemplate jdbc;

    @Override
    VoiceConnectorStore newStore() {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:connectors-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        jdbc = new JdbcTemplate(dataSource);
        return new JdbcVoiceConnectorStore(dataSource);
    }

    @Override
    Object snapshot() {
        return List.of(
                jdbc.queryForList("SELECT * FROM " + JdbcVoiceConnectorStore.TABLE + " ORDER BY voice_connector_id"),
                jdbc.queryForList("SELECT * FROM " + JdbcVoiceConnectorStore.NUMBERS + " ORDER BY voice_connector_id, e164"));
    }

    @Override
    boolean storeIsEmpty() {
        return jdbc.queryForObject("SELECT COUNT(*) FROM " + JdbcVoiceConnectorStore.TABLE, Long.class) == 0
                && jdbc.queryForObject("SELECT COUNT(*) FROM " + JdbcVoiceConnectorStore.NUMBERS, Long.class) == 0;
    }
}
