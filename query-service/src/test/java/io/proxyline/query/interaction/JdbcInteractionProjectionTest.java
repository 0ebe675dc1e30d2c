package io.proxyline.query.interaction;

import io.proxyline.query.InMemorySql;

/**
 * The interactions contract on SQL rows in H2 (standalone's adapter), a fresh in-memory database per
 * test. (An append cannot stop halfway here: the row is the whole append.)
 */
class JdbcInteractionProjectionTest extends InteractionProjectionContract {
    private InMemorySql sql;

    @Override
    InteractionStore newStore() {
        sql = new InMemorySql("interactions");
        return new JdbcInteractionStore(sql.dataSource());
    }

    @Override
    Object snapshot() {
        return sql.rows("SELECT * FROM " + JdbcInteractionStore.TABLE + " ORDER BY interaction_id");
    }

    @Override
    boolean storeIsEmpty() {
        return sql.empty(JdbcInteractionStore.TABLE);
    }
}
