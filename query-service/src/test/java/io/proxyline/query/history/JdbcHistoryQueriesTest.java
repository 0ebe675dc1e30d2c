package io.proxyline.query.history;

import io.proxyline.query.InMemorySql;

/**
 * The history contract on SQL rows in H2 (standalone's adapter), a fresh in-memory database per
 * test. (An append cannot stop halfway here: entry and subject commit in one transaction.)
 */
class JdbcHistoryQueriesTest extends HistoryQueriesContract {
    private InMemorySql sql;

    @Override
    HistoryStore newStore() {
        sql = new InMemorySql("history");
        return new JdbcHistoryStore(sql.dataSource());
    }

    @Override
    Object snapshot() {
        return sql.rows("SELECT * FROM " + JdbcHistoryStore.SUBJECTS + " ORDER BY subject_key",
                "SELECT * FROM " + JdbcHistoryStore.ENTRIES + " ORDER BY subject_key, position");
    }

    @Override
    boolean storeIsEmpty() {
        return sql.empty(JdbcHistoryStore.SUBJECTS, JdbcHistoryStore.ENTRIES);
    }
}
