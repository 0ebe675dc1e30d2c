package io.proxyline.query.interaction;

import java.util.UUID;
import org.h2.jdbcx.JdbcDataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The interactions contract on SQL rows in H2 (standalone's adapter), a fresh in-memory database per
 * test. (An append cannot stop halfway here: the row is the whole append.)
 */
class JdbcInteractionProjectionTest extends InteractionProjectionContract {
    private JdbcTemplate jdbc;

    @Override
    InteractionStore newStore() {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:interactions-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        jdbc = new JdbcTemplate(dataSource);
        return new JdbcInteractionStore(dataSource);
    }

    @Override
    Object snapshot() {
        return jdbc.queryForList("SELECT * FROM " + JdbcInteractionStore.TABLE + " ORDER BY interaction_id");
    }

    @Override
    boolean storeIsEmpty() {
        return jdbc.queryForObject("SELECT COUNT(*) FROM " + JdbcInteractionStore.TABLE, Long.class) == 0;
    }
}
