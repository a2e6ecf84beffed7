package io.pixbox.server.queue;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Listens on PostgreSQL's {@code pixbox_jobs} channel on one dedicated connection and fires the signal whenever
 * any process commits a job that is ready, reconnecting with a back-off when the connection drops.
 */
final class PostgresJobListener implements AutoCloseable {

    static final String CHANNEL = "pixbox_jobs";

    private static final Logger log = LoggerFactory.getLogger(PostgresJobListener.class);

    // Bounds how long close() waits for the thread: pgjdbc's wait for notifications cannot be interrupted.
    private static final int RECEIVE_TIMEOUT_MILLIS = 250;
    // A connection whose peer vanished without closing it stays silent rather than failing: ask it now and then.
    private static final Duration CHECK_IDLE_CONNECTION_EVERY = Duration.ofSeconds(30);
    private static final int CHECK_TIMEOUT_SECONDS = 5;
    private static final int NETWORK_TIMEOUT_MILLIS = 10_000;
    private static final Duration FIRST_RETRY = Duration.ofSeconds(1);
    private static final Duration LAST_RETRY = Duration.ofSeconds(30);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

    private final DataSource dataSource;
    private final JobSignal signal;
    private final Thread thread;
    private volatile boolean running = true;

    PostgresJobListener(DataSource dataSource, JobSignal signal) {
        this.dataSource = dataSource;
        this.signal = signal;
        this.thread = Thread.ofPlatform().name("pixbox-job-listener").daemon().unstarted(this::run);
    }

    void start() {
        thread.start();
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.interrupt();
        if (!thread.join(STOP_TIMEOUT)) {
            log.warn("The job listener did not stop within {}s", STOP_TIMEOUT.toSeconds());
        }
    }

    private void run() {
        Duration retry = FIRST_RETRY;
        while (running) {
            try (Connection connection = dataSource.getConnection()) {
                listen(connection);
                retry = FIRST_RETRY;
                receive(connection);
            } catch (SQLException e) {
                if (!running) {
                    return;
                }
                log.warn("Lost the connection that listens for jobs ({}); workers poll until it is back, "
                        + "reconnecting in {}s", e.getMessage(), retry.toSeconds());
                if (!pause(retry)) {
                    return;
                }
                Duration doubled = retry.multipliedBy(2);
                retry = doubled.compareTo(LAST_RETRY) < 0 ? doubled : LAST_RETRY;
            }
        }
    }

    private void listen(Connection connection) throws SQLException {
        // LISTEN takes effect at commit, and notifications arrive only between transactions.
        connection.setAutoCommit(true);
        // Else a statement to a server that vanished waits for TCP to give up, many minutes.
        connection.setNetworkTimeout(Runnable::run, NETWORK_TIMEOUT_MILLIS);
        execute(connection, "LISTEN " + CHANNEL);
        log.info("Listening for new jobs on PostgreSQL channel {}", CHANNEL);
        // Notifications sent while nobody listened are gone: let waiting claimers look at the table.
        signal.fire();
    }

    private void receive(Connection connection) throws SQLException {
        PGConnection postgres = connection.unwrap(PGConnection.class);
        try {
            long lastHeard = System.nanoTime();
            while (running) {
                if (postgres.getNotifications(RECEIVE_TIMEOUT_MILLIS) != null) {
                    signal.fire();
                    lastHeard = System.nanoTime();
                } else if (System.nanoTime() - lastHeard > CHECK_IDLE_CONNECTION_EVERY.toNanos()) {
                    if (!connection.isValid(CHECK_TIMEOUT_SECONDS)) {
                        throw new SQLException("the connection stopped answering");
                    }
                    lastHeard = System.nanoTime();
                }
            }
        } finally {
            unlisten(connection);
        }
    }

    /**
     * A pooled connection goes back to the pool and must not go on collecting notifications for its next user.
     * On a broken connection this fails, and failing through the pool's own connection makes the pool discard it.
     */
    private static void unlisten(Connection connection) {
        try {
            execute(connection, "UNLISTEN *");
        } catch (SQLException e) {
            log.debug("Could not UNLISTEN on a broken connection", e);
        }
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private boolean pause(Duration duration) {
        try {
            Thread.sleep(duration);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
