package org.openstreamer.ejb.dvr;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;

/** Runs index work on a connection of the data source; a database failure becomes an unchecked one. */
final class Jdbc {

    @FunctionalInterface
    interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    private Jdbc() {
    }

    static <T> T run(DataSource dataSource, Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            return work.run(c);
        } catch (SQLException e) {
            throw new IllegalStateException("DVR index: " + e.getMessage(), e);
        }
    }
}
