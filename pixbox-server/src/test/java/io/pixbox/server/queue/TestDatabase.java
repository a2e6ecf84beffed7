package io.pixbox.server.queue;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.UUID;
import java.util.function.Consumer;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A fresh database with Pixbox's migrations for one test: an in-memory H2 database, or a schema of its own in
 * the local PostgreSQL's {@code test} database. Closing it stops what was handed to {@link #closeLater} and
 * drops the database.
 */
public final class TestDatabase implements AutoCloseable {

    static final String POSTGRES = "jdbc:postgresql://127.0.0.1:5432/test";

    private final String name;
    private final String url;
    private final String user;
    private final HikariDataSource dataSource;
    private final PlatformTransactionManager transactionManager;
    private final Deque<AutoCloseable> resources = new ArrayDeque<>();

    private TestDatabase(String name, String url, String user) {
        this.name = name;
        this.url = url;
        this.user = user;
        this.dataSource = pool();
        this.transactionManager = new JdbcTransactionManager(dataSource);
        Flyway.configure().dataSource(dataSource).load().migrate();
    }

    static TestDatabase h2() {
        String name = uniqueName();
        return new TestDatabase(name, "jdbc:h2:mem:" + name
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1", "sa");
    }

    /** A new schema, named also as the connections' application name so that a test can find its own sessions. */
    public static TestDatabase postgres() {
        String name = uniqueName();
        executeOnPostgres("CREATE SCHEMA " + name);
        return new TestDatabase(name, POSTGRES + "?currentSchema=" + name + "&ApplicationName=" + name, "postgres");
    }

    public String name() {
        return name;
    }

    public String url() {
        return url;
    }

    public String user() {
        return user;
    }

    public HikariDataSource dataSource() {
        return dataSource;
    }

    PlatformTransactionManager transactionManager() {
        return transactionManager;
    }

    /** A second connection pool on the same database, as another Pixbox process has; closed with this. */
    HikariDataSource anotherPool() {
        return closeLater(pool());
    }

    void inTransaction(Consumer<TransactionStatus> work) {
        new TransactionTemplate(transactionManager).executeWithoutResult(work);
    }

    /** Closes {@code resource} before the database goes, the last handed over first. */
    <T extends AutoCloseable> T closeLater(T resource) {
        resources.push(resource);
        return resource;
    }

    @Override
    public void close() throws Exception {
        while (!resources.isEmpty()) {
            resources.pop().close();
        }
        dataSource.close();
        if (url.startsWith("jdbc:h2:")) {
            // DB_CLOSE_DELAY=-1 keeps an in-memory database after its last connection closes, until SHUTDOWN.
            try (Connection connection = DriverManager.getConnection(url, user, "")) {
                connection.createStatement().execute("SHUTDOWN");
            }
        } else {
            executeOnPostgres("DROP SCHEMA " + name + " CASCADE");
        }
    }

    private HikariDataSource pool() {
        HikariDataSource pool = new HikariDataSource();
        pool.setJdbcUrl(url);
        pool.setUsername(user);
        // Enough for the concurrent claimers, the listener and the test itself.
        pool.setMaximumPoolSize(12);
        return pool;
    }

    private static String uniqueName() {
        return "pixbox_q_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    private static void executeOnPostgres(String sql) {
        try (Connection connection = DriverManager.getConnection(POSTGRES, "postgres", "");
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL at " + POSTGRES + ": " + e.getMessage(), e);
        }
    }
}
