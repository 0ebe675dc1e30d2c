package io.proxyline.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collections;
import java.util.List;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;

/** Statements where Axon's generic SQL makes H2 walk the whole event table. */
final class H2Statements {
    private H2Statements() {}

    /**
     * Axon's gap query is {@code (idx > ? AND idx <= ?) OR idx IN (gaps)}; H2 cannot use the
     * primary key for a top-level OR and scans every row (p99 3 s at 1M events). A leading range
     * from the lowest gap to the batch end, which every wanted row satisfies, makes it an index
     * range scan.
     */
    static PreparedStatement readEventDataWithGaps(
            Connection connection, EventSchema schema, long globalIndex, int batchSize, List<Long> gaps)
            throws SQLException {
        String idx = schema.globalIndexColumn();
        long low = Math.min(globalIndex, Collections.min(gaps));
        String sql = "SELECT " + schema.trackedEventFields() + " FROM " + schema.domainEventTable()
                + " WHERE " + idx + " >= ? AND " + idx + " <= ? AND ((" + idx + " > ? AND " + idx + " <= ?) OR "
                + idx + " IN (" + String.join(",", Collections.nCopies(gaps.size(), "?")) + ")) ORDER BY "
                + idx + " ASC";
        PreparedStatement statement = connection.prepareStatement(sql);
        statement.setLong(1, low);
        statement.setLong(2, globalIndex + batchSize);
        statement.setLong(3, globalIndex);
        statement.setLong(4, globalIndex + batchSize);
        for (int i = 0; i < gaps.size(); i++) {
            statement.setLong(i + 5, gaps.get(i));
        }
        return statement;
    }
}
