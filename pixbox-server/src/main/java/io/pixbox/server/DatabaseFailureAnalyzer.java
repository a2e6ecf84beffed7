package io.pixbox.server;

import java.sql.SQLException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns a database that cannot be opened at start-up into one readable report: the embedded file already in use
 * by another Pixbox, or a server that cannot be reached.
 */
class DatabaseFailureAnalyzer extends AbstractFailureAnalyzer<SQLException> {

    /** H2's "database may be already in use": another process holds the file's lock. */
    private static final int H2_LOCKED = 90020;

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, SQLException cause) {
        if (cause.getErrorCode() == H2_LOCKED) {
            return new FailureAnalysis("The embedded database is in use by another process: " + firstLine(cause),
                    "Stop the other Pixbox using this data directory, or give this one its own with PIXBOX_DATA_DIR. "
                            + "To run several processes on the same data, use PostgreSQL (SPRING_DATASOURCE_URL).",
                    cause);
        }
        if (cause.getSQLState() != null && cause.getSQLState().startsWith("08")) {
            return new FailureAnalysis("Cannot connect to the database: " + firstLine(cause),
                    "Check that the database is running and that SPRING_DATASOURCE_URL, SPRING_DATASOURCE_USERNAME "
                            + "and SPRING_DATASOURCE_PASSWORD are right.",
                    cause);
        }
        return null;
    }

    private static String firstLine(SQLException cause) {
        String message = String.valueOf(cause.getMessage());
        int end = message.indexOf('\n');
        return end < 0 ? message : message.substring(0, end);
    }
}
