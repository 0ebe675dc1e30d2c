package io.proxyline.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenTableFactory;

/** Axon's generic DDL keeps tokens in a BLOB, which H2 writes to its LOB store on every commit. */
public final class H2TokenTableFactory implements TokenTableFactory {
    @Override
    public PreparedStatement createTable(Connection connection, TokenSchema schema) throws SQLException {
        return connection.prepareStatement("CREATE TABLE IF NOT EXISTS " + schema.tokenTable() + " ("
                + schema.processorNameColumn() + " VARCHAR(255) NOT NULL, "
                + schema.segmentColumn() + " INTEGER NOT NULL, "
                + schema.tokenColumn() + " VARBINARY(65536) NULL, "
                + schema.tokenTypeColumn() + " VARCHAR(255) NULL, "
                + schema.timestampColumn() + " VARCHAR(255) NULL, "
                + schema.ownerColumn() + " VARCHAR(255) NULL, "
                + "PRIMARY KEY (" + schema.processorNameColumn() + ", " + schema.segmentColumn() + "))");
    }
}
