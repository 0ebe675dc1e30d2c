package io.proxyline.query.session;

import io.proxyline.query.InMemorySql;

/** The proxy-sessions contract on SQL rows in H2 (standalone's adapter), a fresh in-memory database per test. */
class JdbcProxySessionProjectionTest extends ProxySessionProjectionContract {
    private InMemorySql sql;

    @Override
    ProxySessionStore newStore() {
        sql = new InMemorySql("sessions");
        return new JdbcProxySessionStore(sql.dataSource());
    }

    @Override
    Object snapshot() {
        return sql.rows("SELECT * FROM " + JdbcProxySessionStore.TABLE + " ORDER BY proxy_session_id");
    }

    @Override
    boolean storeIsEmpty() {
        return sql.empty(JdbcProxySessionStore.TABLE);
    }
}
