package io.proxyline.query.session;

import java.util.UUID;
import org.h2.jdbcx.JdbcDataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/** The proxy-sessions contract on SQL rows in H2 (standalone's adapter), a fresh in-memory database per test. */
class JdbcProxySessionProjectionTest extends ProxySessionProjectionContract {
    private JdbcTemplate jdbc;

    @Override
    ProxySessionStore newStore() {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:sessions-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        jdbc = new JdbcTemplate(dataSource);
        return new JdbcProxySessionStore(dataSource);
    }

    @Override
    Object snapshot() {
        return jdbc.queryForList("SELECT * FROM " + JdbcProxySessionStore.TABLE + " ORDER BY proxy_session_id");
    }

    @Override
    boolean storeIsEmpty() {
        return jdbc.queryForObject("SELECT COUNT(*) FROM " + JdbcProxySessionStore.TABLE, Long.class) == 0;
    }
}
