package io.proxyline.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class H2CompactorTest {
    @TempDir
    Path dir;

    private HikariDataSource dataSource(Path file) {
        HikariConfig config = new HikariConfig();
        // The URL the standalone event store uses: a commit per write, closed by Proxyline, not by H2's hook.
        config.setJdbcUrl("jdbc:h2:file:" + file + ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE");
        config.setMaximumPoolSize(2);
        return new HikariDataSource(config);
    }

    /** Commits one row at a time, as the event store does: each commit appends a chunk to the file. */
    private static void writeRows(HikariDataSource dataSource, int rows) throws Exception {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE t (id INT PRIMARY KEY, payload VARBINARY(1000))");
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO t VALUES (?, ?)")) {
                for (int i = 0; i < rows; i++) {
                    insert.setInt(1, i);
                    insert.setBytes(2, new byte[200]);
                    insert.executeUpdate();
                }
            }
        }
    }

    @Test
    void anOrderlyShutdownCompactsTheFileAndKeepsTheData() throws Exception {
        Path file = dir.resolve("events");
        Path mvDb = dir.resolve("events.mv.db");
        long before;
        try (HikariDataSource dataSource = dataSource(file)) {
            writeRows(dataSource, 3000);
            before = Files.size(mvDb);
            new StoreAutoConfiguration.H2Compactor("test database", dataSource, true).destroy();
        }
        long after = Files.size(mvDb);

        assertThat(after).as("file size after compaction vs %d before", before).isLessThan(before / 2);
        try (HikariDataSource reopened = dataSource(file); Connection c = reopened.getConnection();
             Statement s = c.createStatement(); var rs = s.executeQuery("SELECT COUNT(*) FROM t")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(3000);
        }
    }

    @Test
    void switchedOffItLeavesTheFileAlone() throws Exception {
        Path file = dir.resolve("events");
        try (HikariDataSource dataSource = dataSource(file)) {
            writeRows(dataSource, 300);
            new StoreAutoConfiguration.H2Compactor("test database", dataSource, false).destroy();
            try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                 var rs = s.executeQuery("SELECT COUNT(*) FROM t")) {
                rs.next();
                assertThat(rs.getInt(1)).as("the database is still open").isEqualTo(300);
            }
        }
    }
}
