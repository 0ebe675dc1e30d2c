package io.proxyline.query.connector;

import io.proxyline.query.InMemorySql;

/** The connectors contract on SQL rows in H2 (standalone's adapter), a fresh in-memory database per test. */
class JdbcVoiceConnectorProjectionTest extends VoiceConnectorProjectionContract {
    private InMemorySql sql;

    @Override
    VoiceConnectorStore newStore() {
        sql = new InMemorySql("connectors");
        return new JdbcVoiceConnectorStore(sql.dataSource());
    }

    @Override
    Object snapshot() {
        return sql.rows("SELECT * FROM " + JdbcVoiceConnectorStore.TABLE + " ORDER BY voice_connector_id",
                "SELECT * FROM " + JdbcVoiceConnectorStore.NUMBERS + " ORDER BY voice_connector_id, e164");
    }

    @Override
    boolean storeIsEmpty() {
        return sql.empty(JdbcVoiceConnectorStore.TABLE, JdbcVoiceConnectorStore.NUMBERS);
    }
}
