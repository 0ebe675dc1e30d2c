package io.proxyline.query.history;

import java.util.List;
import java.util.UUID;
import org.h2.jdbcx.JdbcDataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The history contract on SQL rows in H2 (standalone's adapter), a fresh in-memory database per
 * test. (An append cannot stop halfway here: entry and subject commit in one transaction.)
 */
class JdbcHistoryQueriesTest extends HistoryQueriesContract {
    private JdbcTemplate jdbc;

    @Override
    HistoryStore newStore() {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:history-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        jdbc = new JdbcTemplate(dataSource);
        return new JdbcHistoryStore(dataSource);
    }

    @Override
    Object snapshot() {
        return List.of(
                jdbc.queryForList("SELECT * FROM " + JdbcHistoryStore.SUBJECTS + " ORDER BY subject_key"),
                jdbc.queryForList("SELECT * FROM " + JdbcHistoryStore.ENTRIES + " ORDER BY subject_key, position"));
    }

    @Override
    boolean storeIsEmpty() {
        return jdbc.queryForObject("SELECT COUNT(*) FROM " + JdbcHistoryStore.SUBJECTS, Long.class) == 0
                && jdbc.queryForObject("SELECT COUNT(*) FROM " + JdbcHistoryStore.ENTRIES, Long.class) == 0;
    }
}
