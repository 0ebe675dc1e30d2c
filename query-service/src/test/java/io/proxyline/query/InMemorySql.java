package io.proxyline.query;

import java.util.Arrays;
import java.util.UUID;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A fresh in-memory H2 database for the SQL adapters' contract tests, and the two looks the contracts take at
 * it: every row (to compare before and after) and whether the store's tables are empty.
 */
public final class InMemorySql {
    private final JdbcDataSource dataSource = new JdbcDataSource();
    private final JdbcTemplate jdbc;

    public InMemorySql(String name) {
        dataSource.setURL("jdbc:h2:mem:" + name + "-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        jdbc = new JdbcTemplate(dataSource);
    }

    public DataSource dataSource() {
        return dataSource;
    }

    /** The rows of each query, in its order, in the order given. */
    public Object rows(String... orderedQueries) {
        return Arrays.stream(orderedQueries).map(jdbc::queryForList).toList();
    }

    public boolean empty(String... tables) {
        return Arrays.stream(tables)
                .allMatch(table -> jdbc.queryForObject("SELECT COUNT(*) FROM " + table, Long.class) == 0);
    }
}
