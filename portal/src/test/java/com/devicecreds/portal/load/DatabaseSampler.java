package com.devicecreds.portal.load;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Where the database's time goes during a load run, sampled as a profiler samples threads: every
 * 20 ms it reads the statements the portal's connections are running ({@code pg_stat_activity}), and
 * counts each. A statement's share of the samples is its share of the time connections spent busy.
 * Statements are grouped by their text with numbers and quoted values blanked.
 */
final class DatabaseSampler implements AutoCloseable {

    private final Connection connection;
    private final Thread thread;
    private final Map<String, AtomicLong> counts = new ConcurrentHashMap<>();
    private final AtomicLong samples = new AtomicLong();
    private volatile boolean running = true;

    DatabaseSampler(int databasePort) throws SQLException {
        connection = DriverManager.getConnection("jdbc:postgresql://localhost:" + databasePort + "/portal", "postgres", "");
        thread = Thread.ofPlatform().daemon().name("database-sampler").start(this::sample);
    }

    private void sample() {
        try (var statement = connection.prepareStatement("""
                select query from pg_stat_activity
                where state = 'active' and pid <> pg_backend_pid() and backend_type = 'client backend'""")) {
            while (running) {
                samples.incrementAndGet();
                try (var rows = statement.executeQuery()) {
                    while (rows.next()) {
                        counts.computeIfAbsent(shape(rows.getString(1)), q -> new AtomicLong()).incrementAndGet();
                    }
                }
                Thread.sleep(20);
            }
        } catch (SQLException e) {
            if (running) {
                System.out.println("Database sampling stopped: " + e.getMessage());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static String shape(String query) {
        return query.replaceAll("'[^']*'", "?").replaceAll("\\b\\d+\\b", "?").replaceAll("\\s+", " ").strip();
    }

    /** Top statements: the average number of connections running each, over the samples. */
    List<String> top(int n) {
        long taken = Math.max(1, samples.get());
        return counts.entrySet().stream().sorted((a, b) -> Long.compare(b.getValue().get(), a.getValue().get())).limit(n)
                .map(e -> String.format(Locale.ROOT, "  %6.2f busy  %s", e.getValue().get() / (double) taken,
                        e.getKey().length() > 240 ? e.getKey().substring(0, 240) + "…" : e.getKey()))
                .toList();
    }

    @Override
    public void close() throws SQLException {
        running = false;
        thread.interrupt();
        connection.close();
    }
}
